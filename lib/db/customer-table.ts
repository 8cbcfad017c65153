import { LIFECYCLE_STAGES, RFM_GROUPS } from '../model/insight-names';
import type { CustomerRow, CustomerSort, SortColumn } from '../model/owner';
import type { TagView } from '../model/views';
import type { SegmentFacts } from '../segments';
import type { InsightFacts } from '../insights/actions';
import type { Customer } from '../model/entities';
import type { CustomerFacts } from './insights';

/**
 * The owner's customer table, in memory: every live, unmerged customer of a shop with the facts
 * segments test, built once from one read per table and kept until the shop changes (or ages,
 * like the insight engine's statistics). Filtering 100,000 customers is then a loop over an array,
 * not a database scan; sorted orders are computed once per sort and reused by every page.
 */

/** Same age limit as the insight engine: recency scores and stages are as of the build. */
export const TABLE_MAX_AGE_MS = 6 * 3600_000;

export interface TableEntry {
  readonly id: string;
  readonly displayName: string;
  /** The primary platform key. */
  readonly key: string;
  readonly keys: readonly string[];
  readonly email?: string;
  readonly phone?: string;
  readonly tagIds: readonly string[];
  readonly facts: SegmentFacts;
  /** Lower-cased name and keys, one per line: what a search looks in (see haystackOf). */
  haystack?: string;
  /**
   * Position in name order (collated; ties by id): the tie-breaker of every sort. -1 until the
   * table is first sorted (see sortedEntries).
   */
  nameRank: number;
}

export interface ShopTable {
  readonly shopId: string;
  readonly builtAt: number;
  /** Minutes east of UTC that calendar days are counted in (Taobao shops: China time). */
  readonly utcOffsetMinutes: number;
  readonly entries: readonly TableEntry[];
  readonly tags: ReadonlyMap<string, TagView>;
  /** Entries in each sort order asked for so far, keyed `by:dir`. */
  readonly sorted: Map<string, readonly TableEntry[]>;
  /** Other data derived from the same state of the shop (the dashboard's orders), dropped with the table. */
  readonly memo: Map<string, Promise<unknown>>;
}

/** Taobao/Tmall shops count days in China time; the others in UTC (see lib/segments/evaluate). */
export function utcOffsetOf(platform: string | undefined): number {
  return platform === 'taobao' ? 480 : 0;
}

const nameCollator = new Intl.Collator('zh-CN');

export function buildShopTable(
  shopId: string,
  rows: readonly CustomerFacts[],
  /** The shop's live tags, in name order. */
  tags: readonly TagView[],
  utcOffsetMinutes: number,
  builtAt: number,
): ShopTable {
  // Tags are listed in the shop's tag order (by name), on screen and in exports alike.
  const tagOrder = new Map(tags.map((t, i) => [t.id, i]));
  const byTagOrder = (a: string, b: string) => (tagOrder.get(a) ?? 0) - (tagOrder.get(b) ?? 0);
  const entries: TableEntry[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const { customer, facts, tagIds } = rows[i]!;
    entries[i] = {
      id: customer.id,
      displayName: customer.displayName,
      key: customer.keys[0]!,
      keys: customer.keys,
      email: customer.email,
      phone: customer.phone,
      tagIds: tagIds.length > 1 ? [...tagIds].sort(byTagOrder) : tagIds,
      facts: segmentFactsOf(facts, customer),
      nameRank: -1,
    };
  }
  return { shopId, builtAt, utcOffsetMinutes, entries, tags: new Map(tags.map((t) => [t.id, t])), sorted: new Map(), memo: new Map() };
}

/**
 * A buyer's facts with what segments also test on the record. Written out key by key (the type
 * makes sure none is missed): an object spread of the facts costs about 8 µs a customer in V8,
 * most of a cold build of 100,000.
 */
function segmentFactsOf(f: InsightFacts, customer: Customer): SegmentFacts {
  const nickKey = customer.keys.find((k) => k.startsWith('nick:'));
  const out: { [K in keyof Required<SegmentFacts>]: SegmentFacts[K] } = {
    now: f.now,
    orderCount: f.orderCount,
    totalMinor: f.totalMinor,
    currency: f.currency,
    avgOrderMinor: f.avgOrderMinor,
    firstAt: f.firstAt,
    lastAt: f.lastAt,
    recencyDays: f.recencyDays,
    rfm: f.rfm,
    group: f.group,
    stage: f.stage,
    cycleDays: f.cycleDays,
    nextExpectedAt: f.nextExpectedAt,
    lastOrderId: f.lastOrderId,
    lastStatus: f.lastStatus,
    tags: f.tags,
    noteTags: f.noteTags,
    birthday: f.birthday,
    email: customer.email,
    phone: customer.phone,
    nick: nickKey?.slice('nick:'.length),
    fields: customer.fields,
  };
  return out;
}

/** Lower-cased name and keys, one per line: what a search looks in. Built on the first search. */
export function haystackOf(entry: TableEntry): string {
  return (entry.haystack ??= [entry.displayName, ...entry.keys].join('\n').toLowerCase());
}

/**
 * Gives every entry its position in name order (collated; ties by id). Done on the first sort, not
 * at build: a count (a segment, the live count) never needs it.
 */
function rankByName(table: ShopTable): void {
  const entries = table.entries;
  if (!entries.length || entries[0]!.nameRank >= 0) return;
  const byName = [...entries].sort((a, b) => nameCollator.compare(a.displayName, b.displayName) || compareText(a.id, b.id));
  byName.forEach((e, i) => (e.nameRank = i));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const GROUP_ORDER = new Map<string, number>(RFM_GROUPS.map((g, i) => [g, i]));
const STAGE_ORDER = new Map<string, number>(LIFECYCLE_STAGES.map((s, i) => [s, i]));

/** The value a column sorts by; undefined = missing (sorted last whichever the direction). */
export function sortValue(entry: TableEntry, by: SortColumn): number | undefined {
  const f = entry.facts;
  switch (by) {
    case 'name':
      return entry.displayName.trim() === '' ? undefined : entry.nameRank;
    case 'amount_spent':
      return f.totalMinor;
    case 'number_of_orders':
      return f.orderCount;
    case 'avg_order_value':
      return f.avgOrderMinor;
    case 'first_order_date':
      return f.firstAt;
    case 'last_order_date':
      return f.lastAt;
    case 'rfm_group':
      // Canonical order (champions first … prospects last), as the charts list them.
      return GROUP_ORDER.get(f.group);
    case 'lifecycle':
      return STAGE_ORDER.get(f.stage);
    case 'rfm_r':
      return f.rfm?.r;
    case 'rfm_f':
      return f.rfm?.f;
    case 'rfm_m':
      return f.rfm?.m;
  }
}

/**
 * Entries in a sort order: by the column in the direction asked, missing values last in both
 * directions, ties by name then id (ascending whatever the direction, so pages are stable).
 * Money sorts by minor units whatever the currency (a shop almost always has one).
 * The entries must be ranked by name already (sortedEntries ranks the table first).
 */
export function sortEntries(entries: readonly TableEntry[], sort: CustomerSort): TableEntry[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  // Decorate once: reading facts inside the comparator would repeat the switch ~1.7M times.
  const keyed = entries.map((entry) => ({ entry, value: sortValue(entry, sort.by) }));
  keyed.sort((a, b) => {
    if (a.value !== b.value) {
      if (a.value === undefined || Number.isNaN(a.value)) return 1;
      if (b.value === undefined || Number.isNaN(b.value)) return -1;
      return sign * (a.value - b.value);
    }
    return a.entry.nameRank - b.entry.nameRank;
  });
  return keyed.map((k) => k.entry);
}

/** The table's entries in a sort order, computed on first use and kept with the table. */
export function sortedEntries(table: ShopTable, sort: CustomerSort): readonly TableEntry[] {
  const key = `${sort.by}:${sort.dir}`;
  let sorted = table.sorted.get(key);
  if (!sorted) {
    rankByName(table);
    sorted = sortEntries(table.entries, sort);
    table.sorted.set(key, sorted);
  }
  return sorted;
}

/** One line of the customer table as the page shows it. */
export function rowOf(entry: TableEntry, tags: ReadonlyMap<string, TagView>): CustomerRow {
  const f = entry.facts;
  const row: CustomerRow = {
    id: entry.id,
    displayName: entry.displayName,
    key: entry.key,
    tags: entry.tagIds.flatMap((id) => tags.get(id) ?? []),
    orderCount: f.orderCount,
    totalMinor: f.totalMinor,
    group: f.group,
    stage: f.stage,
  };
  if (entry.email !== undefined) row.email = entry.email;
  if (entry.phone !== undefined) row.phone = entry.phone;
  if (f.currency !== undefined) row.currency = f.currency;
  if (f.avgOrderMinor !== undefined) row.avgOrderMinor = f.avgOrderMinor;
  if (f.firstAt !== undefined) row.firstAt = f.firstAt;
  if (f.lastAt !== undefined) row.lastAt = f.lastAt;
  if (f.rfm) row.rfm = { r: f.rfm.r, f: f.rfm.f, m: f.rfm.m };
  return row;
}
