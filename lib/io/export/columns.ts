import type { ExportColumn } from '../../model/owner';
import type { LifecycleStage, RfmGroup } from '../../model/insight-names';
import { number, text, type Cell } from './csv';
import { dateText, moneyText } from './format';

/** What an export knows about one customer: the table's facts, with tag names and notes resolved. */
export interface ExportSubject {
  displayName: string;
  key: string;
  keys: readonly string[];
  email?: string;
  phone?: string;
  tagNames: readonly string[];
  orderCount: number;
  totalMinor: number;
  currency?: string;
  avgOrderMinor?: number;
  firstAt?: number;
  lastAt?: number;
  group: RfmGroup;
  stage: LifecycleStage;
  rfm?: { r: number; f: number; m: number };
  /** Texts of the live notes; read only when the notes column is chosen. */
  notes?: readonly string[];
}

export interface ExportWords {
  /** The column's header in the reader's language. */
  header: (column: ExportColumn) => string;
  group: (group: RfmGroup) => string;
  stage: (stage: LifecycleStage) => string;
  utcOffsetMinutes: number;
}

/** One column's cell for one customer. */
export function exportCell(column: ExportColumn, s: ExportSubject, words: ExportWords): Cell {
  switch (column) {
    case 'name':
      return text(s.displayName);
    case 'key':
      return text(s.key);
    case 'all_keys':
      return text(s.keys.join(' | '));
    case 'email':
      return text(s.email);
    case 'phone':
      return text(s.phone);
    case 'tags':
      return text(s.tagNames.join(', '));
    case 'number_of_orders':
      return number(s.orderCount);
    case 'amount_spent':
      return number(moneyText(s.totalMinor, s.currency));
    case 'currency':
      return text(s.currency);
    case 'avg_order_value':
      return s.avgOrderMinor === undefined ? undefined : number(moneyText(s.avgOrderMinor, s.currency));
    case 'first_order_date':
      return s.firstAt === undefined ? undefined : number(dateText(s.firstAt, words.utcOffsetMinutes));
    case 'last_order_date':
      return s.lastAt === undefined ? undefined : number(dateText(s.lastAt, words.utcOffsetMinutes));
    case 'rfm_group':
      return text(words.group(s.group));
    case 'lifecycle':
      return text(words.stage(s.stage));
    case 'rfm_r':
      return number(s.rfm?.r);
    case 'rfm_f':
      return number(s.rfm?.f);
    case 'rfm_m':
      return number(s.rfm?.m);
    case 'notes':
      return text((s.notes ?? []).join(' / '));
  }
}

export function exportRow(columns: readonly ExportColumn[], s: ExportSubject, words: ExportWords): Cell[] {
  return columns.map((c) => exportCell(c, s, words));
}
