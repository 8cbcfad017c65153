import { describe, expect, it } from 'vitest';
import { SiteRecipe } from '../../../lib/model/recipe';
import { cssIdent, fieldSelector, isStableClass, liftTarget, proposeRecipe, refine } from '../../../lib/sites/recipe/propose';
import { loadFixture, texts } from './fixtures';

const NAMES = ['张三', '李四', '王五', '赵六', 'Alice Chen', 'Bob Li', '陈晨', '周杰', '吴迪', '郑好', '孙悦', '钱多多', 'Carol', '冯雪', '褚明', '卫东', '蒋欣', '沈月', '韩梅', '杨光'];

function nth(doc: Document, selector: string, i: number): Element {
  const el = doc.querySelectorAll(selector)[i];
  if (!el) throw new Error(`no ${selector}[${i}]`);
  return el;
}

/** The selectors must be valid recipe selectors (what Save will validate). */
function expectValidSelectors(rowSelector: string, cellSelector: string) {
  const r = SiteRecipe.safeParse({ id: 'x', origin: 'https://a.example', pathPrefix: '/', name: 'n', rowSelector, fields: { buyer: cellSelector }, createdAt: 0, version: 1 });
  expect(r.success).toBe(true);
}

describe('proposeRecipe: exact counts on the fixtures', () => {
  it('plain table: the orders table only, no header, footer or second table', () => {
    const doc = loadFixture('plain-table');
    const clicked = nth(doc, '#orders td.col-buyer a', 2);
    const p = proposeRecipe(clicked)!;
    expect(p.rowSelector).toBe('#orders tbody > tr.order-row');
    expect(p.cellSelector).toBe('a.buyer');
    expect(p.rows).toHaveLength(20);
    expect(texts(p.cells)).toEqual(NAMES);
    expect(p.cells).toContain(clicked);
    expectValidSelectors(p.rowSelector, p.cellSelector);
  });

  it('div grid with hashed classes: no generated class in the selectors, header excluded', () => {
    const doc = loadFixture('div-grid');
    const clicked = nth(doc, '[data-testid="orders-grid"] span.lMnOpQ', 4);
    const p = proposeRecipe(clicked)!;
    expect(p.rowSelector).toBe('div[data-testid="orders-grid"] > div');
    expect(p.cellSelector).toBe(':scope > div:nth-child(3) > span');
    expect(p.rows).toHaveLength(15);
    expect(texts(p.cells)).toEqual(NAMES.slice(0, 15));
    expect(`${p.rowSelector} ${p.cellSelector}`).not.toMatch(/sc-|[A-Z]{1}[a-z]{1,3}[A-Z]/);
    expectValidSelectors(p.rowSelector, p.cellSelector);
  });

  it('list with a header row and a footer row: neither matches', () => {
    const doc = loadFixture('list');
    const clicked = nth(doc, 'li.order-item a.customer', 7);
    const p = proposeRecipe(clicked)!;
    expect(p.rowSelector).toBe('ul.order-list > li.order-item');
    expect(p.cellSelector).toBe('a.customer');
    expect(p.rows).toHaveLength(12);
    expect(texts(p.cells)).toEqual(NAMES.slice(0, 12));
    expect(p.rows.some((r) => r.matches('.list-header, .list-footer'))).toBe(false);
  });

  it('nested spans: a click on part of the name takes the whole name; group rows do not match', () => {
    const doc = loadFixture('nested-spans');
    const clicked = nth(doc, 'span.given', 1); // the "四" of 李四
    expect(liftTarget(clicked).matches('a.customer-link')).toBe(true);
    const p = proposeRecipe(clicked)!;
    expect(p.rowSelector).toBe('table.table tbody > tr');
    expect(p.cellSelector).toBe('a.customer-link');
    expect(p.rows).toHaveLength(8);
    expect(texts(p.cells)).toEqual(NAMES.slice(0, 8));
  });

  it('gives the same proposal from any row and any depth of the name', () => {
    const doc = loadFixture('nested-spans');
    const a = proposeRecipe(nth(doc, 'span.family', 6))!;
    const b = proposeRecipe(nth(doc, 'a.customer-link', 0))!;
    const c = proposeRecipe(nth(doc, 'span.name', 5))!; // the row whose name has no inner spans
    expect([a.rowSelector, a.cellSelector]).toEqual([b.rowSelector, b.cellSelector]);
    expect([c.rowSelector, c.cellSelector]).toEqual([b.rowSelector, b.cellSelector]);
  });

  it('undefined where nothing repeats', () => {
    const doc = loadFixture('plain-table');
    expect(proposeRecipe(doc.querySelector('h1')!)).toBeUndefined();
    expect(proposeRecipe(doc.body)).toBeUndefined();
    expect(proposeRecipe(doc.documentElement)).toBeUndefined();
    const lone = doc.createElement('span');
    expect(proposeRecipe(lone)).toBeUndefined();
  });
});

describe('refine', () => {
  it('plain table: narrower keeps the clicked row’s status, broader drops the scope; then the end of the line', () => {
    const doc = loadFixture('plain-table');
    const clicked = nth(doc, '#orders td.col-buyer a', 0); // a paid order
    const p = proposeRecipe(clicked)!;
    const narrow = refine(p, clicked, 'narrower')!;
    expect(narrow.rowSelector).toBe('#orders tbody > tr.order-row.status-paid');
    expect(narrow.rows).toHaveLength(12);
    expect(refine(narrow, clicked, 'narrower')).toBeUndefined();
    expect(refine(narrow, clicked, 'broader')!.rows).toHaveLength(20);

    const broad = refine(p, clicked, 'broader')!;
    expect(broad.rowSelector).toBe('tr.order-row');
    expect(broad.rows).toHaveLength(25); // with the refunds table
    expect(refine(broad, clicked, 'broader')).toBeUndefined();
    expect(refine(broad, clicked, 'narrower')!.rows).toHaveLength(20);
  });

  it('list: broader takes in the footer (same link class), narrower has nothing to drop', () => {
    const doc = loadFixture('list');
    const clicked = nth(doc, 'a.customer', 0);
    const p = proposeRecipe(clicked)!;
    const broad = refine(p, clicked, 'broader')!;
    expect(broad.rowSelector).toBe('ul.order-list > li');
    expect(broad.rows).toHaveLength(13);
    expect(refine(p, clicked, 'narrower')).toBeUndefined();
  });

  it('every step keeps the clicked cell', () => {
    const doc = loadFixture('plain-table');
    const clicked = nth(doc, '#orders td.col-buyer a', 4);
    let p = proposeRecipe(clicked);
    while (p) {
      expect(p.cells).toContain(clicked);
      p = refine(p, clicked, 'broader');
    }
  });
});

describe('fieldSelector', () => {
  it('plain table: order id, date and total', () => {
    const doc = loadFixture('plain-table');
    const row = nth(doc, '#orders tbody tr', 3);
    expect(fieldSelector(row, row.querySelector('a.order-link')!)).toBe('a.order-link');
    expect(fieldSelector(row, row.querySelector('td.col-total')!)).toBe('td.col-total');
    expect(fieldSelector(row, row.querySelector('td.col-date')!)).toBe('td.col-date');
    const withTime = nth(doc, '#orders tbody tr', 0);
    expect(fieldSelector(withTime, withTime.querySelector('time')!)).toBe('td.col-date time');
  });

  it('div grid: positions, since every class is generated', () => {
    const doc = loadFixture('div-grid');
    const row = nth(doc, '[data-testid="orders-grid"] > div', 1);
    const cells = row.children;
    expect(fieldSelector(row, cells[1]!)).toBe(':scope > div:nth-child(2)');
    expect(fieldSelector(row, cells[3]!.firstElementChild!)).toBe(':scope > div:nth-child(4) > span');
    expect(fieldSelector(row, cells[4]!)).toBe(':scope > div:nth-child(5)');
  });

  it('list and nested spans', () => {
    const list = loadFixture('list');
    const item = nth(list, 'li.order-item', 2);
    expect(fieldSelector(item, item.querySelector('span.col-id')!)).toBe('span.col-id');
    expect(fieldSelector(item, item.querySelector('span.col-total')!)).toBe('span.col-total');
    const nested = loadFixture('nested-spans');
    const row = nth(nested, 'tbody > tr:not(.group)', 2);
    expect(fieldSelector(row, row.querySelector('td.amount')!)).toBe('td.amount');
    expect(fieldSelector(row, row.firstElementChild!)).toBe(':scope > td:nth-child(1)');
  });

  it('finds exactly the clicked element in every row of its table', () => {
    const doc = loadFixture('plain-table');
    const rows = Array.from(doc.querySelectorAll('#orders tbody > tr'));
    const sel = fieldSelector(rows[0]!, rows[0]!.querySelector('a.order-link')!)!;
    expect(rows.map((r) => r.querySelectorAll(sel).length)).toEqual(rows.map(() => 1));
  });

  it('undefined outside the row or for the row itself', () => {
    const doc = loadFixture('plain-table');
    const row = nth(doc, '#orders tbody tr', 0);
    expect(fieldSelector(row, row)).toBeUndefined();
    expect(fieldSelector(row, doc.querySelector('h1')!)).toBeUndefined();
  });
});

describe('class and identifier handling', () => {
  it.each([
    ['order-row', true],
    ['col-buyer', true],
    ['status-paid', true],
    ['customerLink', true],
    ['css-1q2w3e4', false],
    ['sc-hKgILt', false],
    ['gKbvXq', false],
    ['Row_row__3xK9a', false],
    ['row-a8f3c1', false],
    ['cell_x7Yq2', false],
    ['x1a2b3c', false],
    ['odd', false],
    ['is-selected', false],
  ])('isStableClass(%s) → %s', (name, stable) => {
    expect(isStableClass(name)).toBe(stable);
  });

  it('escapes identifiers', () => {
    expect(cssIdent('a:b')).toBe('a\\:b');
    expect(cssIdent('1x')).toBe('\\31 x');
    expect(cssIdent('订单')).toBe('订单');
  });
});
