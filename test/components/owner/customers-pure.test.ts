import { tickOf } from '@/components/owner/customers/RevenueChart';
import { describe, expect, it } from 'vitest';
import { PageCache } from '@/components/owner/customers/page-cache';
import { BOM, exportFileName, joinCsvPages } from '@/components/owner/customers/csv-file';
import { acceptCompletion } from '@/components/owner/customers/query-edit';
import { nextSort } from '@/components/owner/customers/columns';

describe('PageCache', () => {
  it('asks for the pages covering the visible rows, each once, and none past the end', () => {
    const cache = new PageCache<number>(100);
    expect(cache.claim(0, 30, 10_000)).toEqual([0]);
    // Scrolling within page 0 while it is on the way asks for nothing new.
    expect(cache.claim(5, 40, 10_000)).toEqual([]);
    expect(cache.claim(180, 320, 10_000)).toEqual([1, 2, 3]);
    // Rows 9,950..10,049 exist only up to 9,999: page 99 is the last.
    expect(cache.claim(9_950, 10_049, 10_000)).toEqual([99]);
    expect(cache.claim(0, 10, 0)).toEqual([]);
    expect(cache.window(3)).toEqual({ offset: 300, limit: 100 });
  });

  it('serves filled rows by index and re-asks for a page whose fetch failed', () => {
    const cache = new PageCache<string>(100);
    cache.claim(0, 250, 1_000);
    cache.fill(1, Array.from({ length: 100 }, (_, i) => `row ${100 + i}`));
    cache.release(2);
    expect(cache.row(150)).toBe('row 150');
    expect(cache.row(50)).toBeUndefined(); // page 0 still on the way
    expect(cache.claim(0, 250, 1_000)).toEqual([2]);
  });

  it('keeps at most maxPages, dropping the least recently used', () => {
    const cache = new PageCache<number>(10, 2);
    for (const page of [0, 1]) cache.fill(page, [page * 10]);
    cache.row(0); // page 0 is now more recent than page 1
    cache.fill(2, [20]);
    expect(cache.row(0)).toBe(0);
    expect(cache.row(10)).toBeUndefined();
    expect(cache.claim(10, 10, 100)).toEqual([1]);
  });
});

describe('joinCsvPages', () => {
  it('starts with exactly one BOM and keeps one header row across pages', () => {
    const pages = ['Name,Spent\r\n张三,10\r\n', '李四,20\r\n', '王五,30\r\n'];
    const csv = joinCsvPages(pages);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.indexOf(BOM, 1)).toBe(-1);
    expect(csv.slice(1).split('\r\n').filter(Boolean)).toEqual(['Name,Spent', '张三,10', '李四,20', '王五,30']);
  });

  it('drops a BOM a page brings and never glues two rows together', () => {
    const csv = joinCsvPages([`${BOM}Name\r\nA`, 'B\r\n']);
    expect(csv).toBe(`${BOM}Name\r\nA\r\nB\r\n`);
  });
});

it('names export files after the segment and the day, safely', () => {
  expect(exportFileName('VIP / 高价值', new Date(2026, 2, 5))).toBe('buyerlens-VIP-高价值-2026-03-05.csv');
  expect(exportFileName('  ', new Date(2026, 11, 31))).toBe('buyerlens-customers-2026-12-31.csv');
});

it('accepting a completion replaces the typed word and leaves the cursor after a space', () => {
  const text = "customer_tags CONTAINS 'v";
  expect(acceptCompletion(text, 23, 25, { kind: 'value', label: 'vip', insert: "'vip'" })).toEqual({
    text: "customer_tags CONTAINS 'vip' ",
    cursor: 29,
  });
  expect(acceptCompletion('amo AND x', 0, 3, { kind: 'field', label: 'amount_spent', insert: 'amount_spent' })).toEqual({
    text: 'amount_spent AND x',
    cursor: 13,
  });
});

it('a header click flips the direction of the same column and starts a new one at its natural end', () => {
  expect(nextSort({ by: 'amount_spent', dir: 'desc' }, 'amount_spent')).toEqual({ by: 'amount_spent', dir: 'asc' });
  expect(nextSort({ by: 'amount_spent', dir: 'asc' }, 'name')).toEqual({ by: 'name', dir: 'asc' });
  expect(nextSort({ by: 'name', dir: 'asc' }, 'rfm_r')).toEqual({ by: 'rfm_r', dir: 'desc' });
});

describe('revenue chart ticks', () => {
  it('labels the year under January and the month under each quarter, nothing else, so labels never collide', () => {
    const months = ['2024-12', '2025-01', '2025-02', '2025-03', '2025-04', '2025-07', '2025-10', '2025-11'];
    expect(months.map(tickOf)).toEqual(['', '2025', '', '', '04', '07', '10', '']);
  });
});
