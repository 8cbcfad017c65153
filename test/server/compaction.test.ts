// @vitest-environment node
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { BuyerLensDb } from '@/lib/db/database';
import { customerIdOf } from '@/lib/model/ids';
import { pull, push, type Transport } from '@/lib/sync/client';
import { SYNCED_TABLES } from '@/lib/sync/tables';
import { handle } from '@/server/http';
import type { Sql } from '@/server/sql';
import { DEFAULT_HORIZON_MS, SyncServer } from '@/server/sync-server';
import { freshOwnerService, SHOP_ID } from '../db/helpers';
import { describeEachBackend } from './backends';
import { team, truncateAll, type TeamMember } from './team';

/**
 * Change-log compaction with a horizon: tombstones older than the horizon are purged, and a
 * client whose cookie is below the shop's horizon_seq (it has not seen a deletion that is now
 * gone) gets a reset with the full state, its pending outbox re-applied on top and pushed after.
 * Real clients (the real service on fake-indexeddb, the real sync client) through the real HTTP
 * handler, on every backend.
 */

const DAY = 24 * 3_600_000;
const CUSTOMER = customerIdOf(SHOP_ID, 'nick:ana');

describeEachBackend((backend) => {
  let sql: Sql;
  let close: () => Promise<void>;
  let server: SyncServer;
  let members: TeamMember[];

  beforeAll(async () => {
    ({ sql, close } = await backend.open());
    server = await SyncServer.open(sql, { rateLimit: false });
  }, 60_000);
  afterAll(() => close());
  beforeEach(async () => {
    await truncateAll(sql);
    await sql.query('truncate seq_marks');
    members = await team(server, ['seller', 'seller']);
  });

  /** A member's browser: the real service over its own database, writing as that member. */
  async function browser(i: number) {
    const fresh = freshOwnerService();
    await fresh.db.meta.put({ key: 'memberId', value: members[i]!.memberId });
    const transport = (async (path: string, body: unknown) => {
      const reply = await handle(server, { method: 'POST', path, body: JSON.stringify(body), headers: { authorization: `Bearer ${members[i]!.token}` } });
      if (reply.status !== 200) throw new Error(`server answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return JSON.parse(JSON.stringify(reply.body)) as unknown;
    }) as Transport;
    return { ...fresh, transport };
  }

  async function records() {
    return (await sql.query<{ tbl: string; id: string; seq: number; deleted: boolean }>("select tbl, id, seq, data->'deleted' = 'true'::jsonb as deleted from records order by tbl, id")).rows.map(
      (r) => ({ ...r, seq: Number(r.seq) }),
    );
  }

  const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const plain = <T,>(rows: T) => JSON.parse(JSON.stringify(rows)) as T;

  /**
   * The replica holds exactly the server's synced records. A replica that was not reset still
   * holds the tombstones it saw before they were purged (`purgedKept`): those, and only those,
   * are left out of the comparison.
   */
  async function expectEqualToServer(db: BuyerLensDb, purgedKept: readonly string[] = []) {
    const { rows } = await sql.query<{ tbl: string; data: { id: string } }>('select tbl, data from records');
    for (const table of SYNCED_TABLES) {
      const serverRows = sortById(rows.filter((r) => r.tbl === table).map((r) => r.data));
      const local = (await db.table(table).toArray()) as { id: string; deleted?: boolean }[];
      for (const r of local) if (purgedKept.includes(r.id)) expect(r.deleted, `${table} ${r.id}`).toBe(true);
      expect(plain(sortById(local.filter((r) => !purgedKept.includes(r.id)))), table).toEqual(serverRows);
    }
  }

  /** Compaction's mark now, then the purge as the server would run it `daysLater`. */
  async function compactAfter(daysLater: number) {
    const now = Date.now();
    expect((await server.compact({ now })).purged).toBe(0);
    return server.compact({ now: now + daysLater * DAY });
  }

  it('purges only tombstones older than the horizon, and only once', async () => {
    const a = await browser(0);
    await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
    await a.service['tag.create']({ shopId: SHOP_ID, name: 'old' });
    const { noteId: n1 } = await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'gone long ago' });
    const { noteId: n2 } = await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'gone lately' });
    const { noteId: n3 } = await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'still here' });
    await a.service['note.delete']({ shopId: SHOP_ID, noteId: n1 });
    const oldTag = (await a.db.tags.toArray()).find((t) => t.name === 'old')!;
    await a.service['tag.delete']({ shopId: SHOP_ID, tagId: oldTag.id });
    await push(a.db, a.transport);

    // The first compaction only marks where the shop stands: it knows no tombstone's age yet.
    const t0 = Date.now();
    expect(await server.compact({ now: t0 })).toMatchObject({ shops: 1, purged: 0 });
    await a.service['note.delete']({ shopId: SHOP_ID, noteId: n2 });
    await push(a.db, a.transport);
    const before = await records();
    const n1Seq = before.find((r) => r.id === n1)!.seq;

    // 29 days on, nothing is old enough.
    expect((await server.compact({ now: t0 + 29 * DAY })).purged).toBe(0);
    // 31 days on: n1's tombstone (written before the mark at t0) goes; n2's (after it) stays, so do
    // live records and the tag's tombstone (tags keep theirs: a deleted tag stays deleted on import).
    const result = await server.compact({ now: t0 + 31 * DAY });
    expect(result).toEqual({ shops: 1, purged: 1, byTable: { notes: 1 }, horizons: { [SHOP_ID]: n1Seq } });
    expect(await records()).toEqual(before.filter((r) => r.id !== n1));
    expect((await records()).filter((r) => r.deleted).map((r) => r.id).sort()).toEqual([n2, oldTag.id].sort());
    expect((await records()).some((r) => r.id === n3 && !r.deleted)).toBe(true);
    expect(Number((await sql.query<{ horizon_seq: number }>('select horizon_seq from shop_seq where shop_id = $1', [SHOP_ID])).rows[0]!.horizon_seq)).toBe(n1Seq);

    // Once done, done: the same compaction again purges nothing and leaves the horizon.
    expect((await server.compact({ now: t0 + 31 * DAY })).purged).toBe(0);
    // n2's tombstone goes once a mark after it is older than the horizon (the one at t0 + 29 days).
    const later = await server.compact({ now: t0 + 60 * DAY });
    expect(later).toMatchObject({ purged: 1, byTable: { notes: 1 } });
    expect((await records()).filter((r) => r.deleted).map((r) => r.id)).toEqual([oldTag.id]);
    // Marks no compaction needs any more are dropped: t0's went once t0 + 29 days was old enough.
    const marks = (await sql.query<{ at: number }>('select at from seq_marks order by at')).rows.map((r) => Number(r.at) - t0);
    expect(marks).toEqual([29 * DAY, 31 * DAY, 60 * DAY]);
    expect(DEFAULT_HORIZON_MS).toBe(30 * DAY);
  });

  it('a client whose cookie is older than the horizon is reset, ends equal to the server, and its pending outbox survives and is pushed after', async () => {
    const a = await browser(0);
    const b = await browser(1);
    await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
    const { noteId: n1 } = await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'to be deleted' });
    await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'kept' });
    await push(a.db, a.transport);
    await push(b.db, b.transport); // sync on
    expect(await pull(b.db, b.transport)).toMatchObject({ status: 'pulled', reset: false });
    expect((await b.db.notes.get(n1))?.deleted).toBe(false);

    // B goes offline and types a note; meanwhile A deletes n1, and later the tombstone is purged.
    const { noteId: offline } = await b.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'typed offline' });
    await a.service['note.delete']({ shopId: SHOP_ID, noteId: n1 });
    await push(a.db, a.transport);
    expect((await compactAfter(31)).purged).toBe(1);
    expect((await records()).some((r) => r.id === n1)).toBe(false);

    // B is back: its cookie is below the horizon, so the pull is a reset, the offline note on top.
    const pulled = await pull(b.db, b.transport);
    expect(pulled).toMatchObject({ status: 'pulled', reset: true, pending: 1 });
    expect(await b.db.notes.get(n1)).toBeUndefined();
    expect((await b.db.notes.get(offline))?.text).toBe('typed offline');
    expect(await b.db.outbox.count()).toBe(1);

    // Pushed after: the server has it, and the replica ends equal to the server.
    expect(await push(b.db, b.transport)).toMatchObject({ sent: 1, acknowledged: 1, rejected: [] });
    expect(await pull(b.db, b.transport)).toMatchObject({ status: 'pulled', reset: false });
    expect((await records()).some((r) => r.id === offline && !r.deleted)).toBe(true);
    await expectEqualToServer(b.db);

    // A deleted n1 but never pulled (no cookie): it still keeps n1 as it was before its deletion,
    // as the base a pull puts back. Without a reset nothing would delete it again: A would show the
    // note it deleted. So A too is reset.
    expect(await pull(a.db, a.transport)).toMatchObject({ status: 'pulled', reset: true });
    expect(await a.db.notes.get(n1)).toBeUndefined();
    await expectEqualToServer(a.db);
    expect(await pull(a.db, a.transport)).toMatchObject({ status: 'pulled', reset: false });
  });

  it('a cookie at or after the horizon pulls incrementally; no cookie, or no entry for the shop, is no reset', async () => {
    const a = await browser(0);
    const c = await browser(2);
    const { noteId: n1 } = await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'to be deleted' });
    await a.service['note.delete']({ shopId: SHOP_ID, noteId: n1 });
    await push(a.db, a.transport);
    // C pulls after the deletion: it has seen the tombstone, so the purge takes nothing from it.
    await push(c.db, c.transport);
    await pull(c.db, c.transport);
    const result = await compactAfter(31);
    expect(result.purged).toBe(1);
    const horizon = result.horizons[SHOP_ID]!;

    await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'after the purge' });
    await push(a.db, a.transport);
    expect(await pull(c.db, c.transport)).toMatchObject({ status: 'pulled', reset: false, changes: 1 });
    await expectEqualToServer(c.db, [n1]);

    const member = members[2]!.member;
    const at = await server.pull(member, { clientId: 'probe', cookie: { [SHOP_ID]: horizon } });
    expect(at.reset).toBeUndefined();
    expect(at.changes).toHaveLength(1);
    const below = await server.pull(member, { clientId: 'probe', cookie: { [SHOP_ID]: horizon - 1 } });
    expect(below.reset).toBe(true);
    expect(below.changes.map((ch) => ch.row.id)).not.toContain(n1);
    // No cookie, or none for the shop: everything, as a reset (such a client may hold the record, see pull).
    const none = await server.pull(member, { clientId: 'probe', cookie: null });
    expect(none.reset).toBe(true);
    expect(none.changes).toEqual(below.changes);
    expect((await server.pull(member, { clientId: 'probe', cookie: {} })).reset).toBe(true);
  });

  it('with nothing purged, no cookie is no reset', async () => {
    const a = await browser(0);
    await a.service['note.save']({ shopId: SHOP_ID, customerId: CUSTOMER, text: 'hello' });
    await push(a.db, a.transport);
    expect((await server.compact()).purged).toBe(0);
    const reply = await server.pull(members[1]!.member, { clientId: 'probe', cookie: null });
    expect(reply.reset).toBeUndefined();
    expect(reply.changes.length).toBeGreaterThan(0);
  });
});
