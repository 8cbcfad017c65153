import * as z from 'zod/mini';
import { ImportedCustomer, OrderSighting, ShopRef } from '../model/sighting';
import { SEGMENT_QUERY_MAX, TagColor } from '../model/entities';
import {
  BackupHeader,
  BackupTable,
  CustomerFilter,
  CustomerRow,
  CustomerSort,
  Dashboard,
  DuplicateGroup,
  ExportColumn,
  ImportSummary,
  SegmentView,
} from '../model/owner';

/**
 * The owner's messages (options page): lists, segments, dashboard, import, export, merge,
 * forget, backup and restore. Part of PROTOCOL (see protocol.ts); the same rules apply.
 */

const ShopId = z.string().check(z.minLength(3), z.maxLength(240));
const Id = z.string().check(z.minLength(1), z.maxLength(100));
const Count = z.number().check(z.int(), z.minimum(0));

export const OWNER_PROTOCOL = {
  /** A page of the customers a filter matches, sorted; `total` = how many match, `all` = the shop's customers. */
  'customers.query': {
    request: z.object({
      shopId: ShopId,
      filter: CustomerFilter,
      sort: z._default(CustomerSort, { by: 'amount_spent', dir: 'desc' }),
      offset: z._default(Count, 0),
      /** 0 = only count. */
      limit: z._default(Count.check(z.maximum(500)), 100),
    }),
    reply: z.object({ total: Count, all: Count, rows: z.array(CustomerRow) }),
  },
  /** Add or remove a tag on everything the filter matches (not just the rows on screen). */
  'customers.bulkTag': {
    request: z.object({ shopId: ShopId, filter: CustomerFilter, tagId: Id, action: z.enum(['add', 'remove']) }),
    reply: z.object({ matched: Count, changed: Count }),
  },
  'dashboard.get': {
    request: z.object({ shopId: ShopId, filter: CustomerFilter }),
    reply: Dashboard,
  },
  'segments.list': {
    request: z.object({ shopId: ShopId }),
    reply: z.array(SegmentView),
  },
  /** Create (no segmentId) or replace a saved segment; the query must check. */
  'segments.save': {
    request: z.object({
      shopId: ShopId,
      segmentId: z.optional(Id),
      name: z.string().check(z.trim(), z.minLength(1, { error: 'segment.errors.nameEmpty' }), z.maxLength(60)),
      query: z.string().check(z.maxLength(SEGMENT_QUERY_MAX)),
      color: TagColor,
    }),
    reply: z.object({ segmentId: Id }),
  },
  'segments.delete': {
    request: z.object({ shopId: ShopId, segmentId: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },

  /**
   * CSV of what a filter matches, a page at a time (the caller joins the pages and adds the BOM).
   * The first page (offset 0) starts with the header row. Cells are formula-guarded.
   */
  'export.csv': {
    request: z.object({
      shopId: ShopId,
      filter: CustomerFilter,
      columns: z.array(ExportColumn).check(z.minLength(1), z.maxLength(30)),
      sort: z._default(CustomerSort, { by: 'amount_spent', dir: 'desc' }),
      offset: z._default(Count, 0),
      limit: z._default(Count.check(z.minimum(1), z.maximum(50_000)), 20_000),
    }),
    reply: z.object({ csv: z.string(), total: Count, rows: Count }),
  },

  /** Start an import into a shop (new or known); batches follow with import.stage. */
  'import.begin': {
    request: z.object({
      shop: ShopRef,
      fileName: z.string().check(z.maxLength(300)),
      format: z.string().check(z.maxLength(40)),
    }),
    reply: z.object({ jobId: Id }),
  },
  /** One batch of validated records; nothing is visible until import.commit. */
  'import.stage': {
    request: z.object({
      jobId: Id,
      orders: z.array(OrderSighting).check(z.maxLength(5000)),
      customers: z.array(ImportedCustomer).check(z.maxLength(5000)),
    }),
    reply: z.object({ staged: Count }),
  },
  /** Apply every staged batch in one transaction: the whole file or, on any failure, nothing. */
  'import.commit': {
    request: z.object({ jobId: Id }),
    reply: ImportSummary,
  },
  /** Drop a job (import or restore) and everything it staged. */
  'jobs.cancel': {
    request: z.object({ jobId: Id }),
    reply: z.object({ cancelled: z.boolean() }),
  },

  'customers.duplicates': {
    request: z.object({ shopId: ShopId, limit: z._default(Count.check(z.maximum(1000)), 200) }),
    reply: z.array(DuplicateGroup),
  },
  /** Merge customers into a survivor; `keep` names, per field, the customer whose value stays. */
  'customers.merge': {
    request: z.object({
      shopId: ShopId,
      survivorId: Id,
      mergedIds: z.array(Id).check(z.minLength(1), z.maxLength(50)),
      keep: z._default(
        z.object({ displayName: z.optional(Id), email: z.optional(Id), phone: z.optional(Id) }),
        {},
      ),
    }),
    reply: z.object({ mergeId: Id }),
  },
  /** Merges that can still be undone (not yet synced), newest first. */
  'merges.list': {
    request: z.object({ shopId: ShopId }),
    reply: z.array(z.object({ mergeId: Id, survivorId: Id, survivorName: z.string(), merged: Count, at: z.number() })),
  },
  'customers.unmerge': {
    request: z.object({ mergeId: Id }),
    reply: z.object({ undone: z.boolean() }),
  },
  /** Everything held about one customer, as a JSON document (a data-subject request). */
  'customer.export': {
    request: z.object({ shopId: ShopId, customerId: Id }),
    reply: z.object({ fileName: z.string(), json: z.string() }),
  },
  /** Erase a customer everywhere; their keys are kept out of later imports. */
  'customer.forget': {
    request: z.object({ shopId: ShopId, customerId: Id }),
    reply: z.object({ forgotten: z.boolean() }),
  },

  /** How many records each table of a backup will hold. */
  'backup.info': {
    request: z.object({}),
    reply: z.object({ counts: z.record(BackupTable, Count) }),
  },
  /** A page of one table, for streaming a backup out. */
  'backup.read': {
    request: z.object({
      table: BackupTable,
      offset: z._default(Count, 0),
      limit: z._default(Count.check(z.minimum(1), z.maximum(20_000)), 5_000),
    }),
    reply: z.object({ rows: z.array(z.unknown()) }),
  },
  /** Start a restore from a backup's header; the records follow with restore.stage. */
  'restore.begin': {
    request: z.object({ header: BackupHeader }),
    reply: z.object({ jobId: Id }),
  },
  /** Records of one table, each validated against its entity schema (any invalid → nothing staged). */
  'restore.stage': {
    request: z.object({ jobId: Id, table: BackupTable, rows: z.array(z.unknown()).check(z.maxLength(20_000)) }),
    reply: z.object({ staged: Count }),
  },
  /** Replace every table with the staged backup in one transaction, when the counts match the header. */
  'restore.commit': {
    request: z.object({ jobId: Id }),
    reply: z.object({ counts: z.record(BackupTable, Count) }),
  },
} as const;

/** Progress of a long job, broadcast by the background while it commits (see lib/rpc/live). */
export const JobProgress = z.object({
  type: z.literal('buyerlens:job-progress'),
  jobId: Id,
  done: Count,
  total: Count,
});
export type JobProgress = z.infer<typeof JobProgress>;
