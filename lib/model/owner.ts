import * as z from 'zod/mini';
import { LIFECYCLE_STAGES, RFM_GROUPS } from './insight-names';
import { SEGMENT_QUERY_MAX, TagColor } from './entities';
import { TagView } from './views';
import { SYNCED_TABLES } from './tables';

/**
 * What the owner's pages (options: customers, segments, dashboard, import, export, data) exchange
 * with the background. Replies are validated by the caller like every other RPC reply.
 */

const Count = z.number().check(z.int(), z.minimum(0));
const Minor = z.number().check(z.int());

/** Which customers a list, a chart, a bulk action or an export is about. */
export const CustomerFilter = z.object({
  /** A segment query (lib/segments); '' = every customer of the shop. */
  query: z._default(z.string().check(z.maxLength(SEGMENT_QUERY_MAX)), ''),
  /** Only customers with a counted order in this calendar month ('YYYY-MM'): a click on the revenue chart. */
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/))),
  /** Name or platform key contains this text (case-insensitive). */
  search: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Only customers carrying this tag. */
  tagId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});
export type CustomerFilter = z.infer<typeof CustomerFilter>;

export const SORT_COLUMNS = [
  'name',
  'amount_spent',
  'number_of_orders',
  'avg_order_value',
  'first_order_date',
  'last_order_date',
  'rfm_group',
  'lifecycle',
  'rfm_r',
  'rfm_f',
  'rfm_m',
] as const;
export const SortColumn = z.enum(SORT_COLUMNS);
export type SortColumn = z.infer<typeof SortColumn>;

export const CustomerSort = z.object({ by: SortColumn, dir: z.enum(['asc', 'desc']) });
export type CustomerSort = z.infer<typeof CustomerSort>;

/** One line of the customer table. */
export const CustomerRow = z.object({
  id: z.string(),
  displayName: z.string(),
  /** The primary platform key, e.g. `nick:张三`. */
  key: z.string(),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  tags: z.array(TagView),
  orderCount: Count,
  totalMinor: Minor,
  currency: z.optional(z.string()),
  avgOrderMinor: z.optional(Minor),
  /** Epoch ms. */
  firstAt: z.optional(z.number()),
  lastAt: z.optional(z.number()),
  group: z.enum(RFM_GROUPS),
  stage: z.enum(LIFECYCLE_STAGES),
  rfm: z.optional(z.object({ r: Count, f: Count, m: Count })),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

/** The shape of the customers a filter matches: the pictures of the dashboard. */
export const Dashboard = z.object({
  customers: Count,
  /** The shop's main currency (the most common among counted orders); figures are in it. */
  currency: z.optional(z.string()),
  revenueMinor: Minor,
  /** R × F: one cell per recency score (1–5) and frequency score (1–5) that has customers. */
  rfmGrid: z.array(z.object({ r: Count, f: Count, customers: Count, revenueMinor: Minor })),
  lifecycle: z.array(z.object({ stage: z.enum(LIFECYCLE_STAGES), customers: Count })),
  groups: z.array(z.object({ group: z.enum(RFM_GROUPS), customers: Count })),
  /** Counted revenue per calendar month, oldest first, up to the latest 24 months with orders. */
  months: z.array(z.object({ month: z.string(), revenueMinor: Minor, orders: Count, customers: Count })),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** An earlier version of a saved segment, as the list shows it. */
export const SegmentVersionView = z.object({
  name: z.string(),
  query: z.string(),
  color: TagColor,
  /** When it was written (epoch ms, the wall time of its HLC stamp). */
  at: z.number(),
  /**
   * Written from this browser's member (or, outside a team, this browser): the list says "you".
   * Teammates are only ids here, so for their versions the list shows just the time.
   */
  mine: z.optional(z.literal(true)),
});
export type SegmentVersionView = z.infer<typeof SegmentVersionView>;

export const SegmentView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  color: TagColor,
  /**
   * Earlier definitions someone may want back, oldest first: a concurrent edit that lost, or what
   * the segment said before. Versions equal to the current definition are left out; absent when none.
   */
  history: z.optional(z.array(SegmentVersionView)),
});
export type SegmentView = z.infer<typeof SegmentView>;

/** Columns an export may carry, in the order the owner picks them. */
export const EXPORT_COLUMNS = [
  'name',
  'key',
  'all_keys',
  'email',
  'phone',
  'tags',
  'number_of_orders',
  'amount_spent',
  'currency',
  'avg_order_value',
  'first_order_date',
  'last_order_date',
  'rfm_group',
  'lifecycle',
  'rfm_r',
  'rfm_f',
  'rfm_m',
  'notes',
] as const;
export const ExportColumn = z.enum(EXPORT_COLUMNS);
export type ExportColumn = z.infer<typeof ExportColumn>;

/** What a committed import did. */
export const ImportSummary = z.object({
  orders: z.object({ added: Count, updated: Count, unchanged: Count }),
  customers: z.object({ added: Count, updated: Count, unchanged: Count }),
  /** Rows left out because their buyer was forgotten. */
  skippedForgotten: Count,
  /** Groups of customers that may be one person but could not be resolved automatically. */
  possibleDuplicates: Count,
  ms: Count,
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** Customers that may be one person: the merge dialog lists these. */
export const DuplicateGroup = z.object({
  reason: z.enum(['email', 'phone', 'name']),
  /** The shared value (an email, a phone, a name) that makes them look alike. */
  value: z.string(),
  customers: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      keys: z.array(z.string()),
      email: z.optional(z.string()),
      phone: z.optional(z.string()),
      orderCount: Count,
      totalMinor: Minor,
      currency: z.optional(z.string()),
      lastAt: z.optional(z.number()),
    }),
  ),
});
export type DuplicateGroup = z.infer<typeof DuplicateGroup>;

/** A backup holds every synced table (lib/model/tables), nothing derived or local. */
export const BACKUP_TABLES = SYNCED_TABLES;
export const BackupTable = z.enum(BACKUP_TABLES);
export type BackupTable = z.infer<typeof BackupTable>;

export const BACKUP_FORMAT = 'buyerlens-backup';
export const BACKUP_VERSION = 1;

/**
 * A backup is JSON Lines, so it streams both ways at any size: this header first, then one
 * `{"table": ..., "row": {...}}` per record. The counts let a restore tell a cut file from a whole one.
 */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().check(z.int(), z.minimum(1)),
  createdAt: z.string(),
  counts: z.record(BackupTable, Count),
});
export type BackupHeader = z.infer<typeof BackupHeader>;
