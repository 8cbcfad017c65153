import type { RpcHandlers } from '../rpc/server';
import { RpcError } from '../rpc/server';
import { csvLines, exportRow, type ExportSubject, type ExportWords } from '../io/export';
import type { ExportColumn } from '../model/owner';
import { bulkTagMutations } from './bulk-tag';
import { matchCustomers, type FilterDeps } from './customer-filter';
import { rowOf, type ShopTable, type TableEntry } from './customer-table';
import { CustomerTables } from './customer-tables';
import { countedOrders, dashboardOf } from './dashboard';
import type { OwnerContext } from './owner-context';
import { deleteSegment, listSegments, saveSegment } from './segments-store';

type ListRpc = 'customers.query' | 'customers.bulkTag' | 'dashboard.get' | 'segments.list' | 'segments.save' | 'segments.delete' | 'export.csv';

/** The owner's lists: customer table, segments, dashboard, bulk tagging, CSV export. */
export function ownerListHandlers(ctx: OwnerContext): Pick<RpcHandlers, ListRpc> {
  const tables = new CustomerTables(ctx.db, ctx.engine, ctx.now);
  // Any write, import or restore of a shop makes its table stale.
  ctx.onChanged((shopId) => tables.forget(shopId));
  const deps: FilterDeps = { db: ctx.db, tables, now: ctx.now, message: ctx.message };

  return {
    async 'customers.query'({ shopId, filter, sort, offset, limit }) {
      const { table, matched } = await matchCustomers(deps, shopId, filter, limit > 0 ? sort : undefined);
      return {
        total: matched.length,
        all: table.entries.length,
        rows: matched.slice(offset, offset + limit).map((e) => rowOf(e, table.tags)),
      };
    },

    async 'customers.bulkTag'({ shopId, filter, tagId, action }) {
      const tag = await ctx.db.tags.get(tagId);
      if (!tag || tag.deleted || tag.shopId !== shopId) throw new RpcError('not-found', ctx.message('tag.errors.notFound'));
      const { matched } = await matchCustomers(deps, shopId, filter);
      const ids = matched.map((e) => e.id);
      const { mutations, changed } = await bulkTagMutations(ctx.db, shopId, tagId, ids, action);
      // Every chunk in one write: the whole selection is tagged, or (on failure) none of it.
      if (mutations.length) await ctx.write(shopId, mutations);
      return { matched: ids.length, changed };
    },

    async 'dashboard.get'({ shopId, filter }) {
      const { table, matched } = await matchCustomers(deps, shopId, filter);
      return dashboardOf(matched, await countedOrders(ctx.db, table));
    },

    async 'segments.list'({ shopId }) {
      return listSegments(ctx, shopId);
    },

    async 'segments.save'(draft) {
      return saveSegment(ctx, draft);
    },

    async 'segments.delete'({ shopId, segmentId }) {
      return deleteSegment(ctx, shopId, segmentId);
    },

    async 'export.csv'({ shopId, filter, columns, sort, offset, limit }) {
      const { table, matched } = await matchCustomers(deps, shopId, filter, sort);
      const page = matched.slice(offset, offset + limit);
      const notes = columns.includes('notes') ? await notesByCustomer(ctx, table) : undefined;
      const words = exportWords(ctx, table);
      const rows = page.map((e) => exportRow(columns, exportSubject(e, table, notes), words));
      // The header starts the file: only the first page carries it.
      const header = offset === 0 ? columns.map(words.header) : undefined;
      return { csv: csvLines(header, rows), total: matched.length, rows: page.length };
    },
  };
}

function exportWords(ctx: OwnerContext, table: ShopTable): ExportWords {
  return {
    header: (column: ExportColumn) => ctx.message(`csv.header.${column}`),
    group: (group) => ctx.message(`group.${group}`),
    stage: (stage) => ctx.message(`stage.${stage}`),
    utcOffsetMinutes: table.utcOffsetMinutes,
  };
}

function exportSubject(e: TableEntry, table: ShopTable, notes: ReadonlyMap<string, string[]> | undefined): ExportSubject {
  const f = e.facts;
  return {
    displayName: e.displayName,
    key: e.key,
    keys: e.keys,
    email: e.email,
    phone: e.phone,
    tagNames: e.tagIds.flatMap((id) => table.tags.get(id)?.name ?? []),
    orderCount: f.orderCount,
    totalMinor: f.totalMinor,
    currency: f.currency,
    avgOrderMinor: f.avgOrderMinor,
    firstAt: f.firstAt,
    lastAt: f.lastAt,
    group: f.group,
    stage: f.stage,
    rfm: f.rfm,
    notes: notes?.get(e.id),
  };
}

/** Live notes' texts per customer, oldest first; read once per table (an export asks page by page). */
function notesByCustomer(ctx: OwnerContext, table: ShopTable): Promise<Map<string, string[]>> {
  const key = 'notesByCustomer';
  let memo = table.memo.get(key) as Promise<Map<string, string[]>> | undefined;
  if (!memo) {
    memo = ctx.db.notes
      .where('shopId')
      .equals(table.shopId)
      .toArray()
      .then((rows) => {
        const out = new Map<string, string[]>();
        for (const n of rows.filter((r) => !r.deleted).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))) {
          (out.get(n.customerId) ?? out.set(n.customerId, []).get(n.customerId)!).push(n.text);
        }
        return out;
      });
    table.memo.set(key, memo);
    memo.catch(() => table.memo.delete(key));
  }
  return memo;
}
