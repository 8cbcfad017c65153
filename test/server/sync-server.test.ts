// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handle } from '@/server/http';
import type { Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { recordTables } from '@/server/record-tables';
import { formatHlc } from '@/lib/sync/hlc';
import type { PushMutation } from '@/lib/sync/protocol';
import type { Member } from '@/server/members';
import { describeEachBackend } from './backends';
import { call, team, truncateAll } from './team';

describeEachBackend((backend) => {
  let sql: Sql;
  let close: () => Promise<void>;
  let server: SyncServer;
  let owner: Member;
  let token: string;

  beforeAll(async () => {
    ({ sql, close } = await backend.open());
    server = await SyncServer.open(sql);
  }, 60_000);
  afterAll(() => close());
  beforeEach(async () => {
    await truncateAll(sql);
    const [o] = await team(server, []);
    ({ member: owner, token } = o!);
  });

  const SHOP_ID = 'demo:blossom';
  let wall = Date.now() - 60_000;
  function hlc() {
    return formatHlc({ wall: wall++, counter: 0, node: 'c1' });
  }
  function tagPut(mid: number, name = `t${mid}`): PushMutation {
    return { mid, name: 'tag.put', args: { shopId: SHOP_ID, tagId: `tag-${name}`, name, color: 'red' }, hlc: hlc() };
  }

  describe('push', () => {
    it('applies each mutation once: a duplicate delivery changes nothing', async () => {
      const first = await server.push(owner, { clientId: 'c1', mutations: [tagPut(1), tagPut(2)] });
      expect(first).toEqual({ lastMid: 2, rejected: [] });
      const before = (await sql.query('select tbl, id, seq from records order by seq')).rows;
      const again = await server.push(owner, { clientId: 'c1', mutations: [tagPut(1), tagPut(2)] });
      expect(again).toEqual({ lastMid: 2, rejected: [] });
      expect((await sql.query('select tbl, id, seq from records order by seq')).rows).toEqual(before);
      expect(before).toHaveLength(2);
    });

    it('stops at a gap: nothing after a missing mid is applied', async () => {
      const reply = await server.push(owner, { clientId: 'c1', mutations: [tagPut(1), tagPut(3), tagPut(4)] });
      expect(reply.lastMid).toBe(1);
      expect((await sql.query('select id from records')).rows).toEqual([{ id: 'tag-t1' }]);
      const resent = await server.push(owner, { clientId: 'c1', mutations: [tagPut(2), tagPut(3)] });
      expect(resent.lastMid).toBe(3);
    });

    it('takes a retracted entry (an undone merge) as its mid and writes nothing, so later mids are not stuck behind a gap', async () => {
      const retracted: PushMutation = { mid: 2, name: 'outbox.retracted', args: { name: 'customer.merge' }, hlc: hlc() };
      const reply = await server.push(owner, { clientId: 'c1', mutations: [tagPut(1), retracted, tagPut(3)] });
      expect(reply).toEqual({ lastMid: 3, rejected: [] });
      expect((await sql.query('select id from records order by seq')).rows).toEqual([{ id: 'tag-t1' }, { id: 'tag-t3' }]);
    });

    it('rejects invalid arguments, unknown names and throwing mutators for good, and goes on', async () => {
      const reply = await server.push(owner, {
        clientId: 'c1',
        mutations: [
          { mid: 1, name: 'tag.put', args: { shopId: SHOP_ID }, hlc: hlc() },
          { mid: 2, name: 'no.such', args: {}, hlc: hlc() },
          { mid: 3, name: 'tag.put', args: { shopId: SHOP_ID, tagId: 't', name: 'vip', color: 'red' }, hlc: 'not-a-clock' },
          tagPut(4),
        ],
      });
      expect(reply.lastMid).toBe(4);
      expect(reply.rejected.map((r) => r.mid)).toEqual([1, 2, 3]);
      expect(reply.rejected[0]!.reason).toMatch(/invalid arguments/);
      expect((await sql.query('select id from records')).rows).toEqual([{ id: 'tag-t4' }]);
      // A client that lost the reply hears of the rejections when it resends.
      expect((await server.push(owner, { clientId: 'c1', mutations: [tagPut(1)] })).rejected.map((r) => r.mid)).toEqual([1]);
    });

    it('rejects a stamp from too far in the future', async () => {
      const ahead = { ...tagPut(1), hlc: formatHlc({ wall: Date.now() + 3_600_000, counter: 0, node: 'c1' }) };
      expect((await server.push(owner, { clientId: 'c1', mutations: [ahead] })).rejected[0]!.reason).toMatch(/future/);
    });

    it('the facade refuses what no mutator uses, loudly', async () => {
      await expect(sql.transaction(async (q) => (recordTables(q).customers as unknown as { toArray(): unknown }).toArray())).rejects.toThrow(
        /not supported on the server facade/,
      );
      await expect(sql.transaction(async (q) => (recordTables(q) as unknown as Record<string, unknown>).aggregates)).rejects.toThrow(/aggregates/);
    });
  });

  describe('pull', () => {
    it('returns the changes after the cookie, the new cookie and lastMid', async () => {
      await server.push(owner, { clientId: 'c1', mutations: [tagPut(1), tagPut(2)] });
      const first = await server.pull(owner, { clientId: 'c2', cookie: null });
      expect(first.lastMid).toBe(0);
      expect(first.changes.map((c) => c.row.id)).toEqual(['tag-t1', 'tag-t2']);
      expect(first.cookie).toEqual({ [SHOP_ID]: 2 });
      await server.push(owner, { clientId: 'c1', mutations: [tagPut(3)] });
      const next = await server.pull(owner, { clientId: 'c1', cookie: first.cookie });
      expect(next.changes.map((c) => c.row.id)).toEqual(['tag-t3']);
      expect(next.lastMid).toBe(3);
      expect((await server.pull(owner, { clientId: 'c1', cookie: next.cookie })).changes).toEqual([]);
    });

    it('resets a client whose cookie is ahead of the server', async () => {
      await server.push(owner, { clientId: 'c1', mutations: [tagPut(1)] });
      const reply = await server.pull(owner, { clientId: 'c1', cookie: { [SHOP_ID]: 99 } });
      expect(reply.reset).toBe(true);
      expect(reply.changes).toHaveLength(1);
    });

    it('a restarted server over the same data continues', async () => {
      await server.push(owner, { clientId: 'c1', mutations: [tagPut(1)] });
      const restarted = await SyncServer.open(sql);
      expect((await restarted.push(owner, { clientId: 'c1', mutations: [tagPut(1), tagPut(2)] })).lastMid).toBe(2);
      expect((await restarted.pull(owner, { clientId: 'c1', cookie: null })).changes).toHaveLength(2);
    });
  });

  describe('http', () => {
    it('validates requests and answers clear JSON errors', async () => {
      expect((await handle(server, { method: 'POST', path: '/v1/nope', body: '{}' })).status).toBe(404);
      expect((await handle(server, { method: 'GET', path: '/v1/pull', body: '' })).status).toBe(405);
      expect((await call(server, 'POST', '/v1/pull', '{', token)).body).toMatchObject({ error: { code: 'bad-json' } });
      const invalid = await call(server, 'POST', '/v1/push', { clientId: '', mutations: 3 }, token);
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ error: { code: 'invalid-request' } });
      expect((await call(server, 'POST', '/v1/push', 'x'.repeat(5 * 1024 * 1024), token)).status).toBe(413);
      const ok = await call(server, 'POST', '/v1/push', { clientId: 'c1', mutations: [tagPut(1)] }, token);
      expect(ok).toEqual({ status: 200, body: { lastMid: 1, rejected: [] } });
    });
  });
});
