import { DEFAULT_ACTION_RULES, type InsightFacts } from '../insights/actions';
import { applyAggregateChange, buildShopStats, factsOf, insightOf, markerOf, type BuyerContext, type ShopStats } from '../insights/insight';
import { ActionRules, type ActionRule } from '../model/action-rules';
import { extractNoteTags } from '../insights/note-tags';
import { isTagged, type Customer } from '../model/entities';
import type { InsightView, MarkerView } from '../model/views';
import type { AggregateChange } from './aggregates';
import type { AggregateRow, BuyerLensDb } from './database';

/** Recency scores are as of the stats' time; past this age the stats are rebuilt. */
const STATS_MAX_AGE_MS = 6 * 3600_000;
export const ACTION_RULES_KEY = 'actionRules';
/** Shared by buyers without tags or notes: factsOf copies what it keeps. */
const NONE: readonly string[] = [];

/** One customer as the owner's table sees them: the record, the facts rules and segments test, live tag ids. */
export interface CustomerFacts {
  customer: Customer;
  facts: InsightFacts;
  tagIds: string[];
}

/**
 * The background's derived-data service: per-shop RFM tables and lifecycle thresholds held in
 * memory (rebuilt from the stored per-customer aggregates when the worker starts or the stats
 * age), followed incrementally as writes change aggregates. Nothing here is synced.
 */
export class InsightEngine {
  private readonly stats = new Map<string, Promise<ShopStats>>();

  constructor(
    private readonly db: BuyerLensDb,
    private readonly now: () => number = Date.now,
  ) {}

  statsFor(shopId: string): Promise<ShopStats> {
    const cached = this.stats.get(shopId);
    if (cached) {
      return cached.then((s) => (this.now() - s.asOf > STATS_MAX_AGE_MS ? this.rebuild(shopId) : s));
    }
    return this.rebuild(shopId);
  }

  /** Full recompute of the shop statistics from every aggregate of the shop (one indexed read). */
  async rebuild(shopId: string): Promise<ShopStats> {
    return (await this.recomputeAll(shopId)).stats;
  }

  /**
   * Every insight of the shop recomputed: the statistics, then each customer's stage and RFM
   * group, from one read of the aggregates.
   */
  recomputeAll(shopId: string): Promise<{ stats: ShopStats; markers: Map<string, MarkerView> }> {
    const work = this.db.aggregates
      .where('shopId')
      .equals(shopId)
      .toArray()
      .then((rows) => {
        const now = this.now();
        const stats = buildShopStats(rows, now);
        // Most callers (an import or restore commit) want only the statistics: the markers of
        // every customer are computed when first asked for, as of the same moment.
        let markers: Map<string, MarkerView> | undefined;
        return {
          stats,
          get markers() {
            return (markers ??= new Map(rows.map((row) => [row.customerId, markerOf(row, stats, now)])));
          },
        };
      });
    const stats = work.then((w) => w.stats);
    this.stats.set(shopId, stats);
    stats.catch(() => this.stats.delete(shopId));
    return work;
  }

  /** Drop the cached statistics of a shop whose aggregates changed wholesale (a pull): rebuilt on next use. */
  forget(shopId: string): void {
    this.stats.delete(shopId);
  }

  /** Follow a committed write's aggregate changes in the cached stats. */
  async apply(changes: readonly AggregateChange[]): Promise<void> {
    for (const change of changes) {
      const cached = this.stats.get(change.shopId);
      if (!cached) continue; // built fresh on first use
      applyAggregateChange(await cached, change.before, change.after);
    }
  }

  async markers(shopId: string, customerIds: readonly string[]): Promise<Record<string, MarkerView>> {
    const out: Record<string, MarkerView> = {};
    if (!customerIds.length) return out;
    const ids = [...new Set(customerIds)];
    const [stats, rows] = await Promise.all([this.statsFor(shopId), this.db.aggregates.bulkGet(ids)]);
    const now = this.now();
    rows.forEach((row, i) => {
      if (row && row.shopId === shopId && row.orderCount > 0) out[ids[i]!] = markerOf(row, stats, now);
    });
    return out;
  }

  async rules(shopId: string): Promise<{ rules: ActionRule[]; isDefault: boolean }> {
    const row = await this.db.shopSettings.get(`${shopId}\n${ACTION_RULES_KEY}`);
    if (row && !row.deleted) {
      const parsed = ActionRules.safeParse(row.value);
      if (parsed.success) return { rules: parsed.data, isDefault: false };
    }
    return { rules: DEFAULT_ACTION_RULES, isDefault: true };
  }

  /** The facts of every customer of the shop, for previewing rules. One pass per table. */
  async allFacts(shopId: string): Promise<InsightFacts[]> {
    return (await this.customerFacts(shopId)).map((c) => c.facts);
  }

  /**
   * Every live, unmerged customer of the shop with their facts and live tag ids: what the owner's
   * customer table filters and sorts. One read-only transaction reads every table at once, and
   * when the statistics are not cached (or have aged) they are built from that same read of the
   * aggregates, not from a second one.
   */
  async customerFacts(shopId: string): Promise<CustomerFacts[]> {
    const { db } = this;
    const read = db.transaction('r', [db.aggregates, db.customers, db.tags, db.taggings, db.notes], () =>
      Promise.all([
        db.aggregates.where('shopId').equals(shopId).toArray(),
        db.customers.where('shopId').equals(shopId).toArray(),
        db.tags.where('shopId').equals(shopId).toArray(),
        db.taggings.where('shopId').equals(shopId).toArray(),
        db.notes.where('shopId').equals(shopId).toArray(),
      ]),
    );
    const [stats, [aggregates, customers, tags, taggings, notes]] = await Promise.all([
      this.statsFrom(
        shopId,
        read.then((r) => r[0]),
      ),
      read,
    ]);
    const tagName = new Map<string, string>();
    for (const t of tags) if (!t.deleted) tagName.set(t.id, t.name);
    const tagsOf = new Map<string, string[]>();
    for (const t of taggings) {
      if (!tagName.has(t.tagId) || !isTagged(t)) continue;
      const list = tagsOf.get(t.customerId);
      if (list) list.push(t.tagId);
      else tagsOf.set(t.customerId, [t.tagId]);
    }
    // Live note texts per customer; most customers have none, so no per-customer work for them.
    const notesOf = new Map<string, string[]>();
    for (const n of notes) {
      if (n.deleted) continue;
      const list = notesOf.get(n.customerId);
      if (list) list.push(n.text);
      else notesOf.set(n.customerId, [n.text]);
    }
    const aggregateOf = new Map<string, AggregateRow>();
    for (const a of aggregates) aggregateOf.set(a.customerId, a);
    const now = this.now();
    const out: CustomerFacts[] = [];
    for (const customer of customers) {
      if (customer.deleted || customer.mergedInto) continue;
      const agg = aggregateOf.get(customer.id);
      const birthday = customer.fields.birthday;
      const tagIds = tagsOf.get(customer.id) ?? [];
      const texts = notesOf.get(customer.id);
      const facts = factsOf(agg, stats, now, {
        tags: tagIds.length ? tagIds.map((id) => tagName.get(id)!) : NONE,
        noteTags: texts ? extractNoteTags(texts) : NONE,
        cycleDays: agg?.cycleDays,
        ...(birthday && /^\d{2}-\d{2}$/.test(birthday) ? { birthday } : {}),
      });
      out.push({ customer, facts, tagIds });
    }
    return out;
  }

  /**
   * The shop's statistics as statsFor gives them, except that when they must be (re)built they are
   * built from `aggregates`, a read of every aggregate of the shop the caller has already started.
   */
  private statsFrom(shopId: string, aggregates: Promise<AggregateRow[]>): Promise<ShopStats> {
    const build = () => {
      const stats = aggregates.then((rows) => buildShopStats(rows, this.now()));
      this.stats.set(shopId, stats);
      stats.catch(() => this.stats.delete(shopId));
      return stats;
    };
    const cached = this.stats.get(shopId);
    if (!cached) return build();
    return cached.then((s) => (this.now() - s.asOf > STATS_MAX_AGE_MS ? build() : s));
  }

  async insight(shopId: string, customerId: string, context: Omit<BuyerContext, 'cycleDays'>): Promise<InsightView> {
    const [stats, row, { rules }] = await Promise.all([this.statsFor(shopId), this.db.aggregates.get(customerId), this.rules(shopId)]);
    const agg = row && row.shopId === shopId ? row : undefined;
    return insightOf(agg, stats, this.now(), { ...context, cycleDays: agg?.cycleDays }, rules);
  }
}
