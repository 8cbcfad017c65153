import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { analyze } from '@/lib/segments';
import type { CustomerFilter, CustomerRow, CustomerSort, SegmentView } from '@/lib/model/owner';
import { watchChanges } from '@/lib/rpc/live';
import { useCan } from '../role';
import { useUi } from '../ui-context';
import { useOwnerT } from './owner-ui';
import type { ShopSummary } from './shops';
import { BulkActions } from './customers/BulkActions';
import { CustomerDrawer } from './customers/CustomerDrawer';
import { CustomerTable } from './customers/CustomerTable';
import { DashboardPanel } from './customers/DashboardPanel';
import { ExportDialog } from './customers/ExportDialog';
import { LiveCount } from './customers/LiveCount';
import { monthName } from './customers/format';
import { SegmentEditor } from './customers/SegmentEditor';
import { SegmentList } from './customers/SegmentList';
import { useDebounced } from './customers/use-debounced';
import './customers/customers.css';

/** Table and pictures wait a little longer than the count: they cost more to compute. */
const APPLY_DEBOUNCE_MS = 400;
const SEARCH_DEBOUNCE_MS = 250;

/**
 * The owner's Customers tab for one shop: a segment query (typed, picked from saved segments or
 * clicked on a chart) filters the dashboard pictures, the table, bulk tagging and the export.
 */
export function CustomersView({ shop }: { shop: ShopSummary }) {
  const t = useOwnerT();
  const { language } = useUi();
  const mayExport = useCan('export');
  const shopId = shop.shopId;
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [month, setMonth] = useState<string | undefined>();
  const [sort, setSort] = useState<CustomerSort>({ by: 'amount_spent', dir: 'desc' });
  const [version, setVersion] = useState(0);
  const [totals, setTotals] = useState<{ total: number; all: number } | undefined>();
  const [segment, setSegment] = useState<SegmentView | undefined>();
  const [exporting, setExporting] = useState(false);
  const [open, setOpen] = useState<{ row: CustomerRow; from: HTMLElement } | undefined>();
  const exportButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const stop = new AbortController();
    watchChanges(shopId, () => setVersion((v) => v + 1), stop.signal);
    return () => stop.abort();
  }, [shopId]);

  const tagNames = useMemo(() => shop.tags.map((tag) => tag.name), [shop.tags]);
  const valid = useMemo(() => !text.trim() || analyze(text).errors.length === 0, [text]);
  // An invalid query keeps the last valid one on screen, so typing never blanks the table.
  const [lastValid, setLastValid] = useState('');
  useEffect(() => {
    if (valid) setLastValid(text.trim());
  }, [text, valid]);
  const query = useDebounced(lastValid, APPLY_DEBOUNCE_MS);
  const searchApplied = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);

  const filter: CustomerFilter = useMemo(
    () => ({ query, ...(month ? { month } : {}), ...(searchApplied ? { search: searchApplied } : {}) }),
    [query, month, searchApplied],
  );
  const countFilter: CustomerFilter | undefined = valid
    ? { query: text.trim(), ...(month ? { month } : {}), ...(searchApplied ? { search: searchApplied } : {}) }
    : undefined;
  const applied = query === text.trim() && searchApplied === search.trim();

  const focusEditor = () => document.getElementById('segment-input')?.focus();
  const setQuery = (q: string) => {
    setText(q);
    focusEditor();
  };

  return (
    <section class="customers" data-bl="customers-view" aria-label={t('lists.title')}>
      <div class="card seg-card">
        <SegmentEditor value={text} onChange={setText} tags={tagNames}>
          <LiveCount shopId={shopId} filter={countFilter} version={version} />
        </SegmentEditor>
        {month && (
          <p class="filter-chips">
            <span class="chip month-chip" data-bl="month-chip">
              {t('lists.month.chip', { month: monthName(month, language, 'long') })}
              <button type="button" class="chip-x" aria-label={t('lists.month.remove', { month: monthName(month, language, 'long') })} onClick={() => setMonth(undefined)}>
                ×
              </button>
            </span>
          </p>
        )}
        <SegmentList shopId={shopId} version={version} query={text.trim()} valid={valid} onApply={setText} onSelect={setSegment} />
      </div>

      <DashboardPanel shopId={shopId} filter={filter} version={version} month={month} onQuery={setQuery} onMonth={setMonth} />

      <div class="card list-card">
        <div class="toolbar">
          <label class="search">
            <span class="sr">{t('lists.search.label')}</span>
            <input
              type="search"
              data-bl="customer-search"
              placeholder={t('lists.search.placeholder')}
              maxLength={100}
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          </label>
          <span class="grow" />
          <BulkActions shopId={shopId} filter={filter} matched={applied ? totals?.total : undefined} tags={shop.tags} />
          {mayExport && (
            <button type="button" ref={exportButton} data-bl="export-open" aria-expanded={exporting} onClick={() => setExporting(!exporting)}>
              {t('lists.export.open')}
            </button>
          )}
        </div>
        {exporting && mayExport && (
          <ExportDialog
            shopId={shopId}
            filter={filter}
            sort={sort}
            matched={totals?.total}
            label={segment?.query === query ? segment.name : query ? t('lists.export.segmentLabel') : t('lists.export.allLabel')}
            tags={shop.tags}
            onClose={() => {
              setExporting(false);
              exportButton.current?.focus();
            }}
          />
        )}
        <CustomerTable
          shopId={shopId}
          filter={filter}
          sort={sort}
          onSort={setSort}
          version={version}
          onTotals={setTotals}
          onOpen={(row, from) => setOpen({ row, from })}
          onEditQuery={focusEditor}
        />
      </div>

      {open && (
        <CustomerDrawer
          shopId={shopId}
          row={open.row}
          version={version}
          onClose={() => {
            const from = open.from;
            setOpen(undefined);
            // Back to the row it was opened from (if it is still on screen).
            if (from.isConnected) from.focus();
            else document.querySelector<HTMLElement>('[data-bl="customer-table"] [role=row][tabindex="0"]')?.focus();
          }}
        />
      )}
    </section>
  );
}
