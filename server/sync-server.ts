import type { BuyerLensDb } from '../lib/db/database';
import { MUTATORS, type WriteContext } from '../lib/db/mutators';
import { shopIdOf } from '../lib/model/ids';
import { MUTATION_SCHEMAS, type MutationName } from '../lib/model/mutation';
import { parseHlc } from '../lib/sync/hlc';
import { mayMutate } from '../lib/sync/roles';
import type { Cookie, PullRequest, PullResponse, PushMutation, PushRequest, PushResponse, Rejection } from '../lib/sync/protocol';
import { isSyncedTable } from '../lib/sync/tables';
import { ApiError, Forbidden } from './errors';
import { MemberStore, type Member } from './members';
import { migrate } from './migrations';
import { recordTables } from './record-tables';
import type { Query, Sql } from './sql';

export interface SyncServerOptions {
  /** The server's clock, for refusing stamps from too far in the future. */
  now?: () => number;
  /** How far ahead of the server's clock a mutation's hlc may be (default 10 minutes). */
  maxClockAheadMs?: number;
  /**
   * Whether anyone who reaches the server may create a workspace (default true: a self-hosted
   * server is reached only by its team; close it with BUYERLENS_OPEN_SIGNUP=0 once the team's is made).
   */
  openSignup?: boolean;
  /** Requests per second and burst per token (or per caller without one); false turns it off (tests). */
  rateLimit?: { perSecond: number; burst: number } | false;
  /** Most records one pull returns (default PULL_PAGE_ROWS); the client asks again for the rest. */
  pullPageRows?: number;
}

/**
 * A fresh member's first pull of a large book would otherwise be one reply of tens of MB, held
 * whole in the server's and the extension's memory: pages keep both bounded.
 */
export const PULL_PAGE_ROWS = 5_000;

/** A push lets other requests in after this many mutations (see push). */
const YIELD_EVERY = 10;

/**
 * The sync server's core over SQL (DESIGN.md "Sync"). Stateless beyond the database: a new
 * SyncServer over the same database continues where the last one stopped.
 *
 * Members and tenants: every push and pull comes from an authenticated member (see members.ts).
 * A shop belongs to the workspace whose member first wrote to it (`shop_workspace`); a member
 * pulls only their workspace's shops, and each pushed mutation is checked against the member's
 * role (lib/sync/roles.ts) and applied through a facade scoped to the workspace's shops, so it
 * can neither read nor write another workspace's records. The writer recorded is the member id.
 */
export class SyncServer {
  readonly now: () => number;
  private readonly maxAhead: number;
  readonly members: MemberStore;
  readonly openSignup: boolean;
  readonly rateLimit: { perSecond: number; burst: number } | false;
  private readonly pullPageRows: number;

  private constructor(
    readonly sql: Sql,
    options: SyncServerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.maxAhead = options.maxClockAheadMs ?? 10 * 60_000;
    this.members = new MemberStore(sql, this.now);
    this.openSignup = options.openSignup ?? true;
    this.rateLimit = options.rateLimit ?? { perSecond: 20, burst: 40 };
    this.pullPageRows = Math.max(1, options.pullPageRows ?? PULL_PAGE_ROWS);
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
   * its schema, its member's role or its workspace, or whose mutator throws, is rejected for good
   * but still advances last_mid. A member revoked meanwhile stops the push at once (401).
   */
  async push(member: Member, { clientId, mutations }: PushRequest): Promise<PushResponse> {
    await this.members.bindClient(member, clientId);
    const sorted = [...mutations].sort((a, b) => a.mid - b.mid);
    for (const [i, m] of sorted.entries()) {
      // PGlite works in this thread and its promises settle without ever returning to the event
      // loop: without a pause, no other member's request is even read until a large push ends.
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
      const outcome = await this.sql.transaction((q) => this.applyOne(q, member, clientId, m));
      if (outcome === 'gap') break;
      if (outcome === 'revoked') throw new ApiError(401, 'revoked', 'this member was removed from the workspace');
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

  private async applyOne(q: Query, member: Member, clientId: string, m: PushMutation): Promise<'skipped' | 'gap' | 'applied' | 'rejected' | 'revoked'> {
    // The client's row lock (the row was made when the push bound the client to its member): two
    // deliveries of one push never both apply a mid.
    const row = (
      await q.query<{ last_mid: number; revoked_at: unknown }>(
        'select c.last_mid, m.revoked_at from clients c join members m on m.id = $2 where c.client_id = $1 for update of c',
        [clientId, member.id],
      )
    ).rows[0];
    // Revoked while this push was under way: nothing more of it is applied.
    if (!row || row.revoked_at !== null) return 'revoked';
    const last = Number(row.last_mid);
    if (m.mid <= last) return 'skipped';
    if (m.mid > last + 1) return 'gap';
    const reason = await this.tryApply(q, member, m);
    if (reason !== undefined) {
      await q.query('insert into rejected (client_id, mid, reason) values ($1, $2, $3) on conflict do nothing', [clientId, m.mid, reason]);
    }
    await q.query('update clients set last_mid = $2 where client_id = $1', [clientId, m.mid]);
    return reason === undefined ? 'applied' : 'rejected';
  }

  /** Apply one mutation with the client's own mutator; the reason it was refused, if it was. */
  private async tryApply(q: Query, member: Member, m: PushMutation): Promise<string | undefined> {
    if (!Object.hasOwn(MUTATION_SCHEMAS, m.name)) return `unknown mutation ${m.name}`;
    const name = m.name as MutationName;
    if (!mayMutate(member.role, name)) return `forbidden: a member with the role ${member.role} may not ${name}`;
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
      actor: member.id,
      touched: new Set(),
    };
    await q.query('savepoint mutation');
    try {
      // A shop's first writer claims it for their workspace (undone with the mutation if it fails).
      const shops = await workspaceShops(q, member.workspaceId);
      if (shop && shop !== RECIPE_DELETE_LOCK && !shops.has(shop)) {
        await claimShop(q, shop, member.workspaceId);
        shops.add(shop);
      }
      const mutator = MUTATORS[name] as (db: BuyerLensDb, ctx: WriteContext, args: unknown) => Promise<boolean>;
      await mutator(recordTables(q, { workspaceId: member.workspaceId, shops }) as unknown as BuyerLensDb, ctx, parsed.data);
      await q.query('release savepoint mutation');
      return undefined;
    } catch (e) {
      await q.query('rollback to savepoint mutation');
      if (e instanceof Forbidden) return `forbidden: ${e.message}`;
      return `failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /**
   * Every record of the member's workspace's shops changed after the cookie, the new cookie and
   * the client's lastMid, all from one snapshot. A cookie the server cannot continue from gets a
   * reset: everything. That is a shop it does not know or a seq ahead of the shop's (the server's
   * data was replaced), or a seq below the shop's horizon: a tombstone the client has not seen was
   * purged since (see compact), so the client may still hold the record and nothing would come to
   * delete it. A null cookie, or one without the shop, counts as seq 0 there: such a client is not
   * always new, it may have pushed a deletion before ever pulling and hold the record's earlier
   * version as the base its pull puts back (for a new client a reset changes nothing: it gets
   * everything either way). With nothing purged (horizon 0) neither is a reset.
   */
  async pull(member: Member, { clientId, cookie, continued }: PullRequest): Promise<PullResponse> {
    await this.members.bindClient(member, clientId);
    return this.sql.transaction(async (q) => {
      await q.query('set transaction isolation level repeatable read');
      const shops = await this.shopsOf(q, member.workspaceId);
      const reset =
        (!!cookie && Object.entries(cookie).some(([shop, seq]) => seq > (shops.get(shop)?.seq ?? 0))) ||
        // The next page of a pull that began from nothing (or a reset): the client holds only
        // records it was sent, alive, during this paging, so no purged deletion can concern it.
        (!continued && [...shops].some(([shop, { horizon }]) => (cookie?.[shop] ?? 0) < horizon));
      const from: Record<string, number> = reset || !cookie ? {} : cookie;
      // One range per shop on the (shop_id, seq) index: a steady pull of one change reads one
      // row, not every row of the shop (the seq bound differs per shop, so a single
      // `seq > cookie->>shop_id` filter could not use the index).
      // In the page's order (the cookie of a cut page depends on which shops come before).
      const shopIds = [...shops.keys()].sort();
      // One row more than a page tells whether another page follows. Every record write takes
      // its own seq, so a page may end at any row: the cookie says exactly where.
      const { rows } = await q.query<{ tbl: string; data: { id: string }; shop_id: string; seq: number | string }>(
        `select r.tbl, r.data, c.shop_id, r.seq
           from unnest($1::text[], $2::bigint[]) with ordinality as c(shop_id, after, ord)
           cross join lateral (
             select tbl, data, seq from records
              where shop_id = c.shop_id and seq > c.after and workspace_id = $3
              order by seq
              limit $4
           ) r
          order by c.ord, r.seq
          limit $4`,
        [shopIds, shopIds.map((id) => from[id] ?? 0), member.workspaceId, this.pullPageRows + 1],
      );
      const more = rows.length > this.pullPageRows;
      const page = more ? rows.slice(0, this.pullPageRows) : rows;
      const lastMid = await this.lastMid(q, clientId);
      const changes = page.flatMap((r) => (isSyncedTable(r.tbl) ? [{ table: r.tbl, row: r.data }] : []));
      let next: Cookie = Object.fromEntries([...shops].map(([id, s]) => [id, s.seq]));
      if (more) {
        // Shops before the page's last row's are complete; its own is read up to that row; the
        // ones after it are where they were.
        const last = page[page.length - 1]!;
        const cut = shopIds.indexOf(last.shop_id);
        next = Object.fromEntries(
          shopIds.flatMap((id, i): [string, number][] => {
            if (i < cut) return [[id, shops.get(id)!.seq]];
            if (i === cut) return [[id, Number(last.seq)]];
            return from[id] === undefined ? [] : [[id, from[id]!]];
          }),
        );
      }
      return { cookie: next, lastMid, changes, ...(reset ? { reset: true } : {}), ...(more ? { more: true } : {}) };
    });
  }

  /**
   * Purge the tombstones (records whose `deleted` is true) last written more than `olderThanMs`
   * before `now` by the server's clock, shop by shop, each shop in one transaction that also
   * raises its horizon_seq to the highest seq purged: a pull from a cookie below it is a reset.
   *
   * A record's time of writing is known from its seq through the shop's marks: each compaction
   * first notes the shop's seq at `now` (under the shop's locks, so no write below it is still
   * committing), and a record whose seq is at most a mark at or before `now - olderThanMs` was
   * last written by then. So a tombstone goes between the horizon and the horizon plus the time
   * between two compactions after it was written; with no mark old enough (a first compaction)
   * nothing goes. Marks no later compaction needs are dropped.
   *
   * Tombstones of KEPT_TOMBSTONES stay: the mutators read them (see there).
   */
  async compact({ olderThanMs = DEFAULT_HORIZON_MS, now = this.now() }: { olderThanMs?: number; now?: number } = {}): Promise<CompactResult> {
    if (!(olderThanMs >= 0)) throw new Error(`compact: olderThanMs must be a number >= 0, not ${olderThanMs}`);
    const cutoff = now - olderThanMs;
    const { rows: shops } = await this.sql.query<{ shop_id: string }>('select shop_id from shop_seq order by shop_id');
    const result: CompactResult = { shops: shops.length, purged: 0, byTable: {}, horizons: {} };
    for (const { shop_id: shop } of shops) {
      await this.sql.transaction(async (q) => {
        // The locks a writer of the shop takes, in its order: no mutation reads a tombstone that
        // goes meanwhile, and no seq below the mark is still committing.
        await q.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [shop]);
        const state = (
          await q.query<{ seq: number; horizon_seq: number; compacted_seq: number }>(
            'select seq, horizon_seq, compacted_seq from shop_seq where shop_id = $1 for update',
            [shop],
          )
        ).rows[0];
        if (!state) return;
        await q.query('insert into seq_marks (shop_id, at, seq) values ($1, $2, $3) on conflict (shop_id, at) do update set seq = greatest(seq_marks.seq, excluded.seq)', [
          shop,
          now,
          state.seq,
        ]);
        const mark = (
          await q.query<{ at: number; seq: number }>('select at, seq from seq_marks where shop_id = $1 and at <= $2 order by at desc limit 1', [shop, cutoff])
        ).rows[0];
        if (!mark) return;
        // The marks before the one in use: a later compaction (a later cutoff) finds this one or a newer one.
        await q.query('delete from seq_marks where shop_id = $1 and at < $2', [shop, mark.at]);
        const through = Number(mark.seq);
        if (through <= Number(state.compacted_seq)) return;
        const { rows: gone } = await q.query<{ tbl: string; seq: number }>(
          `delete from records
            where workspace_id = coalesce((select workspace_id from shop_workspace where shop_id = $1), '')
              and shop_id = $1 and seq > $2 and seq <= $3 and data->'deleted' = 'true'::jsonb and tbl <> all($4::text[])
            returning tbl, seq`,
          [shop, state.compacted_seq, through, KEPT_TOMBSTONES],
        );
        const horizon = gone.reduce((max, r) => Math.max(max, Number(r.seq)), Number(state.horizon_seq));
        await q.query('update shop_seq set horizon_seq = $2, compacted_seq = $3 where shop_id = $1', [shop, horizon, through]);
        result.purged += gone.length;
        for (const r of gone) result.byTable[r.tbl] = (result.byTable[r.tbl] ?? 0) + 1;
        if (gone.length) result.horizons[shop] = horizon;
      });
    }
    return result;
  }

  /** The shops a workspace reads, with their current seq and horizon (the highest seq purged). */
  private async shopsOf(q: Query, workspaceId: string): Promise<Map<string, { seq: number; horizon: number }>> {
    const { rows } = await q.query<{ shop_id: string; seq: number; horizon_seq: number }>(
      'select s.shop_id, s.seq, s.horizon_seq from shop_seq s join shop_workspace w on w.shop_id = s.shop_id where w.workspace_id = $1',
      [workspaceId],
    );
    return new Map(rows.map((r) => [r.shop_id, { seq: Number(r.seq), horizon: Number(r.horizon_seq) }]));
  }

  private async lastMid(q: Query, clientId: string): Promise<number> {
    const { rows } = await q.query<{ last_mid: number }>('select last_mid from clients where client_id = $1', [clientId]);
    return Number(rows[0]?.last_mid ?? 0);
  }
}

/** How long a tombstone is kept by default (compact; BUYERLENS_HORIZON_DAYS for the server). */
export const DEFAULT_HORIZON_MS = 30 * 24 * 3_600_000;

/**
 * Tables whose tombstones compaction keeps, because mutators read them as more than "absent":
 * a forgotten customer's tombstone holds its key hashes, which is how a re-admission by one key
 * retires the others (lib/db/resolve-customers.ts readmissionHashes); a deleted tag stays deleted
 * when a customers file naming it is imported again (lib/db/import-records.ts). Both are small.
 */
export const KEPT_TOMBSTONES: readonly string[] = ['customers', 'tags'];

export interface CompactResult {
  /** Shops looked at. */
  shops: number;
  /** Tombstones purged, in all and per table. */
  purged: number;
  byTable: Record<string, number>;
  /** The new horizon_seq of each shop that purged something. */
  horizons: Record<string, number>;
}

/** recipe.delete names only the recipe: its lock key is no shop to claim. */
const RECIPE_DELETE_LOCK = 'recipe:';

/** Record the shop as the workspace's if no workspace holds it yet; Forbidden when another does. */
async function claimShop(q: Query, shopId: string, workspaceId: string): Promise<void> {
  let { rows } = await q.query<{ workspace_id: string }>('select workspace_id from shop_workspace where shop_id = $1', [shopId]);
  if (!rows.length) {
    ({ rows } = await q.query<{ workspace_id: string }>(
      'insert into shop_workspace (shop_id, workspace_id) values ($1, $2) on conflict (shop_id) do nothing returning workspace_id',
      [shopId, workspaceId],
    ));
    // Claimed by another workspace at the same moment: read whose it is now.
    if (!rows.length) ({ rows } = await q.query('select workspace_id from shop_workspace where shop_id = $1', [shopId]));
    // Records of the shop from before workspaces become the claiming workspace's.
    else await q.query("update records set workspace_id = $2 where shop_id = $1 and workspace_id = ''", [shopId, workspaceId]);
  }
  if (rows[0]!.workspace_id !== workspaceId) throw new Forbidden(`shop ${shopId} belongs to another workspace`);
}

async function workspaceShops(q: Query, workspaceId: string): Promise<Set<string>> {
  const { rows } = await q.query<{ shop_id: string }>('select shop_id from shop_workspace where workspace_id = $1', [workspaceId]);
  return new Set(rows.map((r) => r.shop_id));
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
