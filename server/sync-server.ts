import type { BuyerLensDb } from '../lib/db/database';
import { MUTATORS, type WriteContext } from '../lib/db/mutators';
import { shopIdOf } from '../lib/model/ids';
import { MUTATION_SCHEMAS, type MutationName } from '../lib/model/mutation';
import { parseHlc } from '../lib/sync/hlc';
import type { Cookie, PullRequest, PullResponse, PushMutation, PushRequest, PushResponse, Rejection } from '../lib/sync/protocol';
import { isSyncedTable } from '../lib/sync/tables';
import { migrate } from './migrations';
import { recordTables } from './record-tables';
import type { Query, Sql } from './sql';

export interface SyncServerOptions {
  /** The server's clock, for refusing stamps from too far in the future. */
  now?: () => number;
  /** How far ahead of the server's clock a mutation's hlc may be (default 10 minutes). */
  maxClockAheadMs?: number;
}

/**
 * The sync server's core over SQL (DESIGN.md "Sync"). Stateless beyond the database: a new
 * SyncServer over the same database continues where the last one stopped.
 *
 * Not in this slice: members, tokens and roles. Every client may push to and pulls from every shop
 * of this server (one server = one team's workspace); `shopsOf` is where membership will go.
 */
export class SyncServer {
  private readonly now: () => number;
  private readonly maxAhead: number;

  private constructor(
    readonly sql: Sql,
    options: SyncServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxAhead = options.maxClockAheadMs ?? 10 * 60_000;
  }

  /** Open over a database: runs pending migrations first. */
  static async open(sql: Sql, options: SyncServerOptions = {}): Promise<SyncServer> {
    await migrate(sql);
    return new SyncServer(sql, options);
  }

  /**
   * Apply a client's mutations in mid order, each in its own transaction together with the
   * client's last_mid: a mid already dealt with is skipped (duplicates are harmless), a gap stops
   * the push (the client resends from its oldest unacknowledged one), and a mutation that fails
   * its schema or whose mutator throws is rejected for good but still advances last_mid.
   */
  async push({ clientId, mutations }: PushRequest): Promise<PushResponse> {
    const sorted = [...mutations].sort((a, b) => a.mid - b.mid);
    for (const m of sorted) {
      const outcome = await this.sql.transaction((q) => this.applyOne(q, clientId, m));
      if (outcome === 'gap') break;
    }
    const lastMid = await this.lastMid(this.sql, clientId);
    let rejected: Rejection[] = [];
    if (sorted.length) {
      const { rows } = await this.sql.query<{ mid: number; reason: string }>(
        'select mid, reason from rejected where client_id = $1 and mid between $2 and $3 order by mid',
        [clientId, sorted[0]!.mid, sorted[sorted.length - 1]!.mid],
      );
      rejected = rows.map((r) => ({ mid: Number(r.mid), reason: r.reason }));
    }
    return { lastMid, rejected };
  }

  private async applyOne(q: Query, clientId: string, m: PushMutation): Promise<'skipped' | 'gap' | 'applied' | 'rejected'> {
    await q.query('insert into clients (client_id, last_mid) values ($1, 0) on conflict (client_id) do nothing', [clientId]);
    // The client's row lock: two deliveries of one push never both apply a mid.
    const last = Number(
      (await q.query<{ last_mid: number }>('select last_mid from clients where client_id = $1 for update', [clientId])).rows[0]!.last_mid,
    );
    if (m.mid <= last) return 'skipped';
    if (m.mid > last + 1) return 'gap';
    const reason = await this.tryApply(q, clientId, m);
    if (reason !== undefined) {
      await q.query('insert into rejected (client_id, mid, reason) values ($1, $2, $3) on conflict do nothing', [clientId, m.mid, reason]);
    }
    await q.query('update clients set last_mid = $2 where client_id = $1', [clientId, m.mid]);
    return reason === undefined ? 'applied' : 'rejected';
  }

  /** Apply one mutation with the client's own mutator; the reason it was refused, if it was. */
  private async tryApply(q: Query, clientId: string, m: PushMutation): Promise<string | undefined> {
    if (!Object.hasOwn(MUTATION_SCHEMAS, m.name)) return `unknown mutation ${m.name}`;
    const name = m.name as MutationName;
    const parsed = MUTATION_SCHEMAS[name].safeParse(m.args);
    if (!parsed.success) return `invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ')}`;
    const clock = parseHlc(m.hlc);
    if (!clock) return 'invalid hlc';
    if (clock.wall > this.now() + this.maxAhead) return 'hlc too far in the future';
    const shop = mutationShop(name, parsed.data);
    if (shop) await q.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [shop]);
    const ctx: WriteContext = {
      // The mutation's own time, so the server writes exactly what the client wrote.
      now: clock.wall,
      hlc: m.hlc,
      // No members yet: the writer is the client, as on the client before a member id exists.
      actor: clientId,
      touched: new Set(),
    };
    await q.query('savepoint mutation');
    try {
      const mutator = MUTATORS[name] as (db: BuyerLensDb, ctx: WriteContext, args: unknown) => Promise<boolean>;
      await mutator(recordTables(q) as unknown as BuyerLensDb, ctx, parsed.data);
      await q.query('release savepoint mutation');
      return undefined;
    } catch (e) {
      await q.query('rollback to savepoint mutation');
      return `failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /**
   * Every record of the client's shops changed after the cookie, the new cookie and the client's
   * lastMid, all from one snapshot. A cookie the server cannot continue from (a shop it does not
   * know, a seq ahead of the shop's: the server's data was replaced) gets a reset: everything.
   */
  async pull({ clientId, cookie }: PullRequest): Promise<PullResponse> {
    return this.sql.transaction(async (q) => {
      await q.query('set transaction isolation level repeatable read');
      const shops = await this.shopsOf(q, clientId);
      const reset = !!cookie && Object.entries(cookie).some(([shop, seq]) => seq > (shops.get(shop) ?? 0));
      const from: Record<string, number> = reset || !cookie ? {} : cookie;
      const { rows } = await q.query<{ tbl: string; data: { id: string } }>(
        `select tbl, data from records where shop_id = any($1::text[]) and seq > coalesce(($2::jsonb ->> shop_id)::bigint, 0)
         order by shop_id, seq`,
        [[...shops.keys()], JSON.stringify(from)],
      );
      const lastMid = await this.lastMid(q, clientId);
      const changes = rows.flatMap((r) => (isSyncedTable(r.tbl) ? [{ table: r.tbl, row: r.data }] : []));
      const next: Cookie = Object.fromEntries(shops);
      return reset ? { cookie: next, lastMid, changes, reset: true } : { cookie: next, lastMid, changes };
    });
  }

  /** The shops a client reads, with their current seq. Every shop, until members and roles exist. */
  private async shopsOf(q: Query, _clientId: string): Promise<Map<string, number>> {
    const { rows } = await q.query<{ shop_id: string; seq: number }>('select shop_id, seq from shop_seq');
    return new Map(rows.map((r) => [r.shop_id, Number(r.seq)]));
  }

  private async lastMid(q: Query, clientId: string): Promise<number> {
    const { rows } = await q.query<{ last_mid: number }>('select last_mid from clients where client_id = $1', [clientId]);
    return Number(rows[0]?.last_mid ?? 0);
  }
}

/** The shop a mutation writes to, for the per-shop lock (recipes are their host's pseudo-shop). */
export function mutationShop(name: MutationName, args: unknown): string | undefined {
  const a = args as { shopId?: string; shop?: { platform: string; key: string }; recipe?: { origin: string } };
  if (a.shopId) return a.shopId;
  if (a.shop) return shopIdOf(a.shop.platform, a.shop.key);
  if (a.recipe) return `recipe:${new URL(a.recipe.origin).host}`;
  if (name === 'recipe.delete') return 'recipe:';
  return undefined;
}
