import { isCountedStatus } from '../insights/counted';
import type { CustomerFilter, CustomerSort } from '../model/owner';
import { RpcError } from '../rpc/server';
import { compileQuery, type SegmentPredicate } from '../segments';
import type { BuyerLensDb } from './database';
import { haystackOf, sortedEntries, type ShopTable, type TableEntry } from './customer-table';
import type { CustomerTables } from './customer-tables';

export interface FilterDeps {
  readonly db: BuyerLensDb;
  readonly tables: CustomerTables;
  readonly now: () => number;
  readonly message: (key: string, params?: Record<string, string | number>) => string;
}

export interface CustomerMatch {
  readonly table: ShopTable;
  /** The matching entries, in the sort order when one was given, else in table order. */
  readonly matched: TableEntry[];
}

/**
 * The customers a filter matches: the segment query AND the month AND the search AND the tag.
 * An invalid query is refused with its first error in words ('invalid'), before any work.
 */
export async function matchCustomers(deps: FilterDeps, shopId: string, filter: CustomerFilter, sort?: CustomerSort): Promise<CustomerMatch> {
  const table = await deps.tables.get(shopId);
  const predicate = compileFilterQuery(filter.query, table.utcOffsetMinutes, deps.message);
  const inMonth = filter.month ? await customersWithOrderIn(deps.db, shopId, filter.month) : undefined;
  const needle = filter.search?.trim().toLowerCase() || undefined;
  const tagId = filter.tagId;
  const now = deps.now();
  const entries = sort ? sortedEntries(table, sort) : table.entries;
  const matched: TableEntry[] = [];
  for (const e of entries) {
    // Cheapest tests first; the segment predicate last.
    if (tagId !== undefined && !e.tagIds.includes(tagId)) continue;
    if (inMonth && !inMonth.has(e.id)) continue;
    if (needle !== undefined && !haystackOf(e).includes(needle)) continue;
    if (predicate && !predicate(e.facts, now)) continue;
    matched.push(e);
  }
  return { table, matched };
}

/** '' (or only spaces) means every customer: no predicate. */
function compileFilterQuery(
  query: string,
  utcOffsetMinutes: number,
  message: FilterDeps['message'],
): SegmentPredicate | undefined {
  if (query.trim() === '') return undefined;
  const { predicate, errors } = compileQuery(query, { utcOffsetMinutes });
  if (!predicate) {
    const first = errors[0];
    throw new RpcError('invalid', first ? message(first.message, first.params) : message('segment.error.empty'));
  }
  return predicate;
}

/**
 * Customers with a counted order placed in a calendar month ('YYYY-MM'), through the
 * [shopId+placedAt] index. placedAt is ISO 8601 with the shop's own offset, so its first seven
 * characters are the month as the shop saw it.
 */
export async function customersWithOrderIn(db: BuyerLensDb, shopId: string, month: string): Promise<Set<string>> {
  const orders = await db.orders
    .where('[shopId+placedAt]')
    .between([shopId, month], [shopId, `${month}\uffff`], true, true)
    .toArray();
  const ids = new Set<string>();
  for (const o of orders) {
    if (!o.deleted && isCountedStatus(o.status) && o.placedAt?.startsWith(month)) ids.add(o.customerId);
  }
  return ids;
}
