import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryDrafts, type Ui } from '@/components/ui-context';
import { MAX_BOXES, pathPrefixOf } from '@/components/TeachPanel';
import { startTeaching } from '@/entrypoints/teach/start';
import { translator, type Language } from '@/lib/i18n';
import { SiteRecipe } from '@/lib/model/recipe';
import { recipeAdapter } from '@/lib/sites/recipe/adapter';
import { fixtureHtml, type RecipeFixture } from '../sites/recipe/fixtures';

const URL_OF_PAGE = 'https://shop.example.com/admin/orders';

function ui(language: Language = 'en'): Ui {
  return { t: translator(language), language, drafts: memoryDrafts() };
}

/** Put a fixture's body and title into the test document, as the page would be. */
function loadPage(name: RecipeFixture) {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  document.title = parsed.title;
  document.body.replaceChildren(...Array.from(parsed.body.childNodes, (n) => document.importNode(n, true)));
}

function host(): HTMLElement | null {
  return document.querySelector('buyerlens-teach');
}

function shadow(): ShadowRoot {
  const root = host()?.shadowRoot;
  if (!root) throw new Error('no teach host');
  return root;
}

function q<T extends Element = HTMLElement>(bl: string): T | null {
  return shadow().querySelector<T>(`[data-bl="${bl}"]`);
}

function text(bl: string): string {
  return q(bl)?.textContent?.trim() ?? '';
}

/** A real click on a page element: returns whether the page saw it (default not prevented). */
function clickPage(el: Element): boolean {
  let ok = true;
  act(() => {
    ok = el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
  });
  return ok;
}

/** Click one of our buttons and let the async work after it settle. */
async function pressAndSettle(button: HTMLElement | null) {
  if (!button) throw new Error('no button');
  await act(async () => {
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function press(button: HTMLElement | null) {
  if (!button) throw new Error('no button');
  act(() => button.click());
}

let stop: (() => void) | undefined;
let pageClicks: number;
const onPageClick = () => (pageClicks += 1);

beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(URL_OF_PAGE);
  pageClicks = 0;
  document.addEventListener('click', onPageClick);
});

afterEach(() => {
  stop?.();
  stop = undefined;
  document.removeEventListener('click', onPageClick);
  document.body.replaceChildren();
});

function start(options: { onSave?: (r: SiteRecipe) => Promise<void>; language?: Language; onCancel?: () => void } = {}) {
  const onSave = vi.fn(options.onSave ?? (async () => {}));
  act(() => {
    stop = startTeaching({ document, shadowMode: 'open', ui: ui(options.language), onSave, onCancel: options.onCancel });
  });
  return onSave;
}

describe('TeachPanel: teaching a plain table', () => {
  it('asks for a click, proposes on a name, refines, picks the order id and saves a valid recipe', async () => {
    loadPage('plain-table');
    const onSave = start();
    expect(host()?.parentElement).toBe(document.documentElement);
    expect(text('teach-step')).toBe("Click a buyer's name in any row");
    expect(q('teach-count')?.getAttribute('aria-live')).toBe('polite');

    // The link is not followed and the page's handlers do not see the click.
    const name = document.querySelectorAll('#orders td.col-buyer a')[1]!;
    expect(clickPage(name)).toBe(false);
    expect(pageClicks).toBe(0);
    expect(text('teach-count')).toBe('Matches 20 rows');
    expect(shadow().querySelectorAll('[data-bl="teach-box"]')).toHaveLength(20);
    expect(text('teach-sample-buyer')).toBe('e.g. “李四”');

    press(q('teach-narrower'));
    expect(text('teach-count')).toBe('Matches 12 rows');
    expect(shadow().querySelectorAll('[data-bl="teach-box"]')).toHaveLength(12);
    expect(q<HTMLButtonElement>('teach-narrower')!.disabled).toBe(true);
    press(q('teach-broader'));
    expect(text('teach-count')).toBe('Matches 20 rows');
    press(q('teach-broader'));
    expect(text('teach-count')).toBe('Matches 25 rows');
    expect(q<HTMLButtonElement>('teach-broader')!.disabled).toBe(true);
    press(q('teach-narrower'));
    expect(text('teach-count')).toBe('Matches 20 rows');

    // Pick the order id: one click in any matched row.
    press(q('teach-pick-orderId'));
    expect(text('teach-step')).toBe('Click the order id in one of the highlighted rows');
    expect(q('teach-pick-orderId')?.getAttribute('aria-pressed')).toBe('true');
    expect(clickPage(document.querySelectorAll('#orders a.order-link')[5]!)).toBe(false);
    expect(text('teach-sample-orderId')).toBe('e.g. “SO-1006”');
    expect(text('teach-count')).toBe('Matches 20 rows'); // picking did not start over

    press(q('teach-pick-total'));
    clickPage(document.querySelectorAll('#orders td.col-total')[0]!);
    expect(text('teach-sample-total')).toBe('e.g. “¥123.50”');

    const input = q<HTMLInputElement>('teach-name')!;
    expect(input.value).toBe('订单管理 - 小店后台');
    await pressAndSettle(q('teach-save'));
    expect(onSave).toHaveBeenCalledTimes(1);
    const recipe = onSave.mock.calls[0]![0];
    expect(SiteRecipe.parse(recipe)).toEqual(recipe);
    expect(recipe).toMatchObject({
      origin: 'https://shop.example.com',
      pathPrefix: '/admin/orders',
      name: '订单管理 - 小店后台',
      rowSelector: '#orders tbody > tr.order-row',
      fields: { buyer: 'a.buyer', orderId: 'a.order-link', total: 'td.col-total' },
      version: 1,
    });
    expect(recipe.fields.date).toBeUndefined();

    // The saved recipe works like a built-in site on this page.
    const adapter = recipeAdapter(recipe);
    expect(adapter.detect(new URL(URL_OF_PAGE))).toBe('order-list');
    const rows = Array.from(document.querySelectorAll(adapter.orderList!.rowSelector));
    expect(rows.map((r) => adapter.orderList!.extract(r)).filter(Boolean)).toHaveLength(20);
  });

  it('shows a translated, alerting error when the recipe does not validate, and does not save', async () => {
    loadPage('plain-table');
    const onSave = start();
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    const input = q<HTMLInputElement>('teach-name')!;
    act(() => {
      input.value = '   ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await pressAndSettle(q('teach-save'));
    expect(onSave).not.toHaveBeenCalled();
    const error = q('teach-error')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe('Give the site a name.');
  });

  it('shows a failed save and keeps teaching', async () => {
    loadPage('plain-table');
    start({ onSave: async () => Promise.reject(new Error('disk full')) });
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    await pressAndSettle(q('teach-save'));
    expect(text('teach-error')).toBe('Could not save: disk full');
    expect(host()).not.toBeNull();
  });

  it('says so when the click is not in a list, and a pick outside the rows is refused', () => {
    loadPage('plain-table');
    start();
    clickPage(document.querySelector('h1')!);
    expect(text('teach-note')).toMatch(/No repeating rows/);
    expect(q('teach-save')).toBeNull();
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    press(q('teach-pick-date'));
    clickPage(document.querySelector('h1')!);
    expect(text('teach-note')).toMatch(/outside the highlighted rows/);
    expect(q('teach-sample-date')).toBeNull();
  });

  it('renders page text as text', () => {
    loadPage('plain-table');
    const evil = '<img src=x onerror=alert(1)>';
    const link = document.querySelector('#orders td.col-buyer a')!;
    link.textContent = evil;
    start();
    clickPage(link);
    expect(text('teach-sample-buyer')).toBe(`e.g. “${evil}”`);
    expect(shadow().querySelector('img')).toBeNull();
  });

  it('speaks Chinese', () => {
    loadPage('list');
    start({ language: 'zh-CN' });
    expect(text('teach-step')).toBe('点击任意一行中的买家名字');
    clickPage(document.querySelector('li.order-item a.customer')!);
    expect(text('teach-count')).toBe('匹配 12 行');
  });
});

describe('TeachPanel: stopping', () => {
  function expectGone() {
    expect(host()).toBeNull();
    // Our listeners are gone: the page gets its clicks back.
    const link = document.querySelector('#orders td.col-buyer a')!;
    expect(clickPage(link)).toBe(true);
    expect(pageClicks).toBe(1);
  }

  it('Cancel removes everything', () => {
    loadPage('plain-table');
    const onCancel = vi.fn();
    start({ onCancel });
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    press(q('teach-cancel'));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expectGone();
  });

  it('Escape cancels (and first leaves a pick)', () => {
    loadPage('plain-table');
    const onCancel = vi.fn();
    start({ onCancel });
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    press(q('teach-pick-orderId'));
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(text('teach-step')).toBe('Check the highlighted names, then save');
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expectGone();
  });

  it('a save that stops teaching (as the content runtime does) leaves nothing behind', async () => {
    loadPage('plain-table');
    start({ onSave: async () => stop!() });
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    await pressAndSettle(q('teach-save'));
    expectGone();
  });

  it('stop from the caller removes everything and may be called twice', () => {
    loadPage('plain-table');
    start();
    clickPage(document.querySelector('#orders td.col-buyer a')!);
    act(() => stop!());
    act(() => stop!());
    expectGone();
  });
});

describe('TeachPanel: limits and helpers', () => {
  it('draws at most MAX_BOXES boxes', () => {
    const rows = Array.from({ length: MAX_BOXES + 50 }, (_, i) => `<li class="item"><span class="id">${i}</span><a class="who" href="#">n${i}</a></li>`);
    const parsed = new DOMParser().parseFromString(`<ul class="list">${rows.join('')}</ul>`, 'text/html');
    document.body.replaceChildren(document.importNode(parsed.body.firstElementChild!, true));
    start();
    clickPage(document.querySelectorAll('a.who')[3]!);
    expect(text('teach-count')).toBe(`Matches ${(MAX_BOXES + 50).toLocaleString('en')} rows`);
    expect(shadow().querySelectorAll('[data-bl="teach-box"]')).toHaveLength(MAX_BOXES);
  });

  it.each([
    ['/admin/orders', '/admin/orders'],
    ['/admin/orders/', '/admin/orders'],
    ['/store/1234/orders', '/store/1234/orders'],
    ['/store/orders/page/2', '/store/orders/page'],
    ['/', '/'],
  ])('pathPrefixOf(%s) → %s', (path, prefix) => {
    expect(pathPrefixOf(path)).toBe(prefix);
  });
});
