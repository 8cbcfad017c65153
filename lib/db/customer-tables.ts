import type { BuyerLensDb } from './database';
import { buildShopTable, TABLE_MAX_AGE_MS, utcOffsetOf, type ShopTable } from './customer-table';
import type { InsightEngine } from './insights';
import { shopTags } from './queries';

/**
 * The per-shop customer tables held in memory by the background. A table is built on first use
 * and dropped when the shop changes (`forget`, wired to OwnerContext.onChanged) or after six
 * hours, so stages and recency follow the calendar as the engine's statistics do.
 */
export class CustomerTables {
  private readonly tables = new Map<string, Promise<ShopTable>>();

  constructor(
    private readonly db: BuyerLensDb,
    private readonly engine: InsightEngine,
    private readonly now: () => number,
  ) {}

  async get(shopId: string): Promise<ShopTable> {
    const cached = this.tables.get(shopId);
    if (cached) {
      const table = await cached;
      // A newer build may have replaced it meanwhile; only an aged table is rebuilt here.
      if (this.now() - table.builtAt <= TABLE_MAX_AGE_MS) return table;
      if (this.tables.get(shopId) === cached) this.tables.delete(shopId);
      return this.get(shopId);
    }
    const build = this.build(shopId);
    this.tables.set(shopId, build);
    build.catch(() => {
      if (this.tables.get(shopId) === build) this.tables.delete(shopId);
    });
    return build;
  }

  /**
   * The shop's data changed: the next use rebuilds. A build already running keeps serving the
   * callers that asked before the change (they asked about the data as it was).
   */
  forget(shopId: string): void {
    this.tables.delete(shopId);
  }

  private async build(shopId: string): Promise<ShopTable> {
    const builtAt = this.now();
    const [rows, tags, shop] = await Promise.all([
      this.engine.customerFacts(shopId),
      shopTags(this.db, shopId),
      this.db.shops.get(shopId),
    ]);
    const platform = shop?.platform ?? shopId.slice(0, shopId.indexOf(':'));
    return buildShopTable(shopId, rows, tags, utcOffsetOf(platform), builtAt);
  }
}
