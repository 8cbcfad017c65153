import type { SortColumn } from '@/lib/model/owner';
import type { OwnerKey } from '@/lib/i18n/owner';

/** The customer table's columns: what each shows, how wide, and which sort it maps to. */
export interface Column {
  readonly id: 'name' | 'tags' | 'orders' | 'spent' | 'aov' | 'first' | 'last' | 'group' | 'stage' | 'r' | 'f' | 'm';
  readonly label: OwnerKey;
  /** A CSS grid track. */
  readonly width: string;
  readonly sort?: SortColumn;
  readonly numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'lists.col.name', width: 'minmax(180px, 2fr)', sort: 'name' },
  { id: 'tags', label: 'lists.col.tags', width: 'minmax(140px, 1.5fr)' },
  { id: 'orders', label: 'lists.col.orders', width: '76px', sort: 'number_of_orders', numeric: true },
  { id: 'spent', label: 'lists.col.spent', width: '110px', sort: 'amount_spent', numeric: true },
  { id: 'aov', label: 'lists.col.aov', width: '100px', sort: 'avg_order_value', numeric: true },
  { id: 'first', label: 'lists.col.first', width: '112px', sort: 'first_order_date' },
  { id: 'last', label: 'lists.col.last', width: '112px', sort: 'last_order_date' },
  { id: 'group', label: 'lists.col.group', width: '128px', sort: 'rfm_group' },
  { id: 'stage', label: 'lists.col.stage', width: '96px', sort: 'lifecycle' },
  { id: 'r', label: 'lists.col.r', width: '40px', sort: 'rfm_r', numeric: true },
  { id: 'f', label: 'lists.col.f', width: '40px', sort: 'rfm_f', numeric: true },
  { id: 'm', label: 'lists.col.m', width: '40px', sort: 'rfm_m', numeric: true },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

/** Clicking a header: the same column flips direction; a new one starts where people look first (names A→Z, figures high→low). */
export function nextSort(current: { by: SortColumn; dir: 'asc' | 'desc' }, by: SortColumn): { by: SortColumn; dir: 'asc' | 'desc' } {
  if (current.by === by) return { by, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { by, dir: by === 'name' ? 'asc' : 'desc' };
}
