import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { call } from '@/lib/rpc/owner-client';
import type { CustomerFilter, CustomerRow, CustomerSort, SortColumn } from '@/lib/model/owner';
import { errorText, useOwnerT } from '../owner-ui';
import { COLUMNS, GRID_TEMPLATE, nextSort } from './columns';
import { CustomerRowView } from './CustomerRowView';
import { PageCache } from './page-cache';
import { useVirtualList } from './use-virtualizer';

export interface CustomerTableProps {
  readonly shopId: string;
  readonly filter: CustomerFilter;
  readonly sort: CustomerSort;
  readonly onSort: (sort: CustomerSort) => void;
  /** Bumped when the shop's data changed: every cached page is stale. */
  readonly version: number;
  readonly onOpen: (row: CustomerRow, element: HTMLElement) => void;
  /** How many customers the filter matches, and the shop's total, once known. */
  readonly onTotals?: (totals: { total: number; all: number }) => void;
  /** What to suggest when nothing matches. */
  readonly onEditQuery: () => void;
}

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 40;

/**
 * Every customer the filter matches, in one scrolling grid: only the rows in view exist in the
 * DOM, and their pages of 100 are fetched as the viewport reaches them.
 */
export function CustomerTable(props: CustomerTableProps) {
  const { shopId, filter, sort, version, onOpen, onTotals } = props;
  const t = useOwnerT();
  const scroller = useRef<HTMLDivElement>(null);
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const [totals, setTotals] = useState<{ total: number; all: number } | undefined>();
  const [error, setError] = useState('');
  const [active, setActive] = useState(0);
  const focusWanted = useRef(false);

  // One cache per filter + sort + data version: a change drops every page, and replies meant for
  // an older cache land in that cache, never on screen.
  const listKey = JSON.stringify([shopId, filter, sort, version]);
  const cache = useMemo(() => new PageCache<CustomerRow>(), [listKey]);
  const current = useRef(cache);
  current.current = cache;

  const total = totals?.total ?? 0;
  const virtualizer = useVirtualList({
    count: total,
    getScrollElement: () => scroller.current,
    rowHeight: ROW_HEIGHT,
    scrollMargin: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  // The row Tab lands on: the active one, or the first in view when it has scrolled away.
  const tabStop = items.some((i) => i.index === active) ? active : items[0]?.index;

  const fetchPages = (pages: number[]) => {
    for (const page of pages)
      call('customers.query', { shopId, filter, sort, ...cache.window(page) }).then(
        (reply) => {
          cache.fill(page, reply.rows);
          if (cache !== current.current) return;
          setTotals((old) => (old && old.total === reply.total && old.all === reply.all ? old : { total: reply.total, all: reply.all }));
          setError('');
          repaint(0);
        },
        (err: unknown) => {
          cache.release(page);
          if (cache === current.current) setError(errorText(err, t));
        },
      );
  };
  useEffect(() => {
    setActive(0);
    // The first page also says how many rows there are.
    fetchPages(cache.claim(0, 0, 1));
    scroller.current?.scrollTo?.({ top: 0 });
  }, [cache]);

  // After every render: fetch the pages the visible rows need (each page once).
  useEffect(() => {
    if (!items.length) return;
    fetchPages(cache.claim(items[0]!.index, items[items.length - 1]!.index, total));
  });

  useEffect(() => {
    if (totals) onTotals?.(totals);
  }, [totals]);

  // Keyboard navigation moves a focus that may land on a row not rendered yet: focus it once it is.
  useEffect(() => {
    if (!focusWanted.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${active}"]`);
    if (row) {
      focusWanted.current = false;
      row.focus({ preventScroll: true });
    }
  });

  const moveTo = (index: number) => {
    if (!total) return;
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    focusWanted.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.target instanceof HTMLElement) || !e.target.matches('[role=row][data-index]')) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: total - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const row = cache.row(active);
      if (row) {
        e.preventDefault();
        onOpen(row, e.target);
      }
    }
  };

  const sortBy = (by: SortColumn) => props.onSort(nextSort(sort, by));

  if (totals && totals.total === 0)
    return (
      <div class="card empty ct-empty" data-bl="customer-empty">
        {totals.all === 0 ? (
          <>
            <h2>{t('lists.empty.noCustomersTitle')}</h2>
            <p class="muted">{t('lists.empty.noCustomers')}</p>
            <button type="button" class="primary" onClick={() => (location.hash = '#import')}>
              {t('lists.empty.import')}
            </button>
          </>
        ) : (
          <>
            <h2>{t('lists.empty.noMatchTitle')}</h2>
            <p class="muted">{t('lists.empty.noMatch', { all: totals.all })}</p>
            <button type="button" onClick={props.onEditQuery}>
              {t('lists.empty.editQuery')}
            </button>
          </>
        )}
      </div>
    );

  return (
    <div class="ct">
      <p class="muted ct-status" role="status" data-bl="customer-status">
        {totals ? t('lists.table.status', { total: totals.total, all: totals.all }) : t('lists.loading')}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div
        ref={scroller}
        class="ct-scroll"
        role="grid"
        aria-label={t('lists.table.label')}
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length}
        aria-busy={!totals}
        data-bl="customer-table"
        style={{ '--ct-cols': GRID_TEMPLATE, '--ct-row': `${ROW_HEIGHT}px` }}
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" class="ct-head">
          <div role="row" class="ct-row ct-head-row" aria-rowindex={1}>
            {COLUMNS.map((col) => {
              const sorted = col.sort && sort.by === col.sort ? sort.dir : undefined;
              return (
                <div
                  key={col.id}
                  role="columnheader"
                  class={`ct-cell c-${col.id}${col.numeric ? ' num' : ''}`}
                  aria-sort={col.sort ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                >
                  {col.sort ? (
                    <button type="button" class="ct-sort" data-bl={`sort-${col.sort}`} onClick={() => sortBy(col.sort!)}>
                      {t(col.label)}
                      <span aria-hidden="true" class="arrow">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    t(col.label)
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div role="rowgroup" class="ct-body" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => (
            <CustomerRowView
              key={item.index}
              row={cache.row(item.index)}
              index={item.index}
              top={item.start - HEADER_HEIGHT}
              active={item.index === tabStop}
              onOpen={onOpen}
              onFocusRow={setActive}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
