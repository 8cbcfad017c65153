import type { ComponentChild } from 'preact';
import type { CustomerRow } from '@/lib/model/owner';
import { TAG_PALETTE } from '../../styles';
import { useUi } from '../../ui-context';
import { useOwnerT } from '../owner-ui';
import { COLUMNS } from './columns';
import { day, money } from './format';

export interface CustomerRowViewProps {
  readonly row: CustomerRow | undefined;
  readonly index: number;
  readonly top: number;
  readonly active: boolean;
  readonly onOpen: (row: CustomerRow, element: HTMLElement) => void;
  readonly onFocusRow: (index: number) => void;
}

const MAX_CHIPS = 3;

/** One customer in the table; a grey placeholder while its page is on the way. */
export function CustomerRowView({ row, index, top, active, onOpen, onFocusRow }: CustomerRowViewProps) {
  const t = useOwnerT();
  const { language } = useUi();
  const style = { transform: `translateY(${top}px)` };
  if (!row)
    return (
      <div role="row" class="ct-row loading" aria-rowindex={index + 2} aria-busy="true" style={style} data-index={index} tabIndex={active ? 0 : -1}>
        <div role="gridcell" class="ct-cell">
          <span class="skeleton" />
          <span class="sr">{t('lists.table.loadingRow')}</span>
        </div>
      </div>
    );
  const cells: Record<(typeof COLUMNS)[number]['id'], ComponentChild> = {
    name: (
      <>
        <span class="ct-name">{row.displayName}</span>
        <span class="ct-key muted">{row.key}</span>
      </>
    ),
    tags: (
      <>
        {row.tags.slice(0, MAX_CHIPS).map((tag) => {
          const c = TAG_PALETTE[tag.color] ?? TAG_PALETTE.slate!;
          return (
            <span key={tag.id} class="chip" style={{ background: c.bg, color: c.fg }}>
              {tag.name}
            </span>
          );
        })}
        {row.tags.length > MAX_CHIPS && <span class="muted">+{row.tags.length - MAX_CHIPS}</span>}
      </>
    ),
    orders: row.orderCount.toLocaleString(language),
    spent: money(row.totalMinor, row.currency, language),
    aov: money(row.avgOrderMinor, row.currency, language),
    first: day(row.firstAt, language),
    last: day(row.lastAt, language),
    group: <span class={`ct-group g-${row.group}`}>{t(`group.${row.group}`)}</span>,
    stage: (
      <>
        <span class={`dot s-${row.stage}`} aria-hidden="true" />
        {t(`stage.${row.stage}`)}
      </>
    ),
    r: row.rfm?.r ?? '',
    f: row.rfm?.f ?? '',
    m: row.rfm?.m ?? '',
  };
  return (
    <div
      role="row"
      class={`ct-row${active ? ' active' : ''}`}
      aria-rowindex={index + 2}
      data-bl="customer-row"
      data-index={index}
      tabIndex={active ? 0 : -1}
      style={style}
      onFocus={() => onFocusRow(index)}
      onClick={(e) => onOpen(row, e.currentTarget)}
    >
      {COLUMNS.map((col) => (
        <div key={col.id} role="gridcell" class={`ct-cell c-${col.id}${col.numeric ? ' num' : ''}`}>
          {cells[col.id]}
        </div>
      ))}
    </div>
  );
}
