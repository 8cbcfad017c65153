// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatHlc } from '@/lib/sync/hlc';
import type { InviteReply, MemberAccess, MembersReply, PullResponse, PushMutation, PushResponse } from '@/lib/sync/protocol';
import { customerIdOf, tagIdOf } from '@/lib/model/ids';
import { handle } from '@/server/http';
import { INVITE_TTL_MS, sha256 } from '@/server/members';
import { migrate, MIGRATIONS } from '@/server/migrations';
import type { Sql } from '@/server/sql';
import { SyncServer, type SyncServerOptions } from '@/server/sync-server';
import { describeEachBackend } from './backends';
import { call, team, truncateAll, type TeamMember } from './team';

describeEachBackend((backend) => {
  let sql: Sql;
  let close: () => Promise<void>;
  let server: SyncServer;
  let clock = Date.now();
  /** The server's clock, moved by the tests (invite expiry, rate limit refill). */
  const OPTIONS: SyncServerOptions = { now: () => clock };

  beforeAll(async () => {
    ({ sql, close } = await backend.open());
    server = await SyncServer.open(sql, OPTIONS);
  }, 60_000);
  afterAll(() => close());
  beforeEach(async () => {
    await truncateAll(sql);
    clock += 3_600_000; // every bucket full again
  });

  const SHOP_A = 'demo:blossom';
  const SHOP_B = 'demo:lotus';
  let wall = Date.now() - 60_000;
  const hlc = () => formatHlc({ wall: wall++, counter: 0, node: 'c' });
  const m = (mid: number, name: string, args: unknown): PushMutation => ({ mid, name, args, hlc: hlc() });
  const tagPut = (mid: number, shopId: string, name = 'vip') => m(mid, 'tag.put', { shopId, tagId: tagIdOf(shopId, name), name, color: 'red' });
  const notePut = (mid: number, shopId: string, text = 'likes red', noteId = `n-${mid}`) =>
    m(mid, 'note.put', { shopId, noteId, customerId: customerIdOf(shopId, 'nick:ana'), text, baseRev: 0, authorName: 'Ann' });

  async function push(who: { token: string }, clientId: string, mutations: PushMutation[]) {
    const reply = await call(server, 'POST', '/v1/push', { clientId, mutations }, who.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as PushResponse;
  }
  async function pull(who: { token: string }, clientId: string, cookie: Record<string, number> | null = null) {
    const reply = await call(server, 'POST', '/v1/pull', { clientId, cookie }, who.token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as PullResponse;
  }

  /** Every row of every server table: what "nothing written" is checked against. */
  async function dump() {
    const out: Record<string, unknown[]> = {};
    for (const t of ['records', 'shop_seq', 'clients', 'rejected', 'invites', 'members', 'shop_workspace', 'workspaces']) {
      out[t] = (await sql.query(`select * from ${t} order by 1, 2`)).rows;
    }
    return out;
  }

  describe('workspaces, invites and members', () => {
    it('create → invite → join → push and pull, with the member as the writer', async () => {
      const created = await call(server, 'POST', '/v1/workspaces', { name: 'Blossom', ownerName: 'Olga' });
      expect(created.status).toBe(201);
      const owner = created.body as MemberAccess;
      expect(owner).toMatchObject({ role: 'owner', workspaceId: expect.any(String), memberId: expect.any(String) });
      expect(owner.token).toMatch(/^blt_[A-Za-z0-9_-]{43}$/);

      const invite = await call(server, 'POST', '/v1/invites', { role: 'seller', name: 'Sam' }, owner.token);
      expect(invite.status).toBe(201);
      const { code, expiresAt } = invite.body as InviteReply;
      expect(expiresAt).toBe(clock + INVITE_TTL_MS);
      const joined = await call(server, 'POST', '/v1/join', { code, name: 'Sam' });
      expect(joined.status).toBe(201);
      const seller = joined.body as MemberAccess;
      expect(seller).toMatchObject({ role: 'seller', workspaceId: owner.workspaceId });

      expect(await push(seller, 'sam-1', [tagPut(1, SHOP_A)])).toEqual({ lastMid: 1, rejected: [] });
      const pulled = await pull(owner, 'olga-1');
      expect(pulled.changes.map((c) => c.row.id)).toEqual([tagIdOf(SHOP_A, 'vip')]);
      expect(pulled.changes[0]!.row).toMatchObject({ updatedBy: seller.memberId });

      expect((await call(server, 'GET', '/v1/me', undefined, seller.token)).body).toEqual({
        workspaceId: owner.workspaceId,
        workspaceName: 'Blossom',
        memberId: seller.memberId,
        name: 'Sam',
        role: 'seller',
      });
      const members = (await call(server, 'GET', '/v1/members', undefined, owner.token)).body as MembersReply;
      expect(members.members).toEqual([
        { memberId: owner.memberId, name: 'Olga', role: 'owner', joinedAt: clock, revoked: false },
        { memberId: seller.memberId, name: 'Sam', role: 'seller', joinedAt: clock, revoked: false },
      ]);
    });

    it('only an owner invites, lists and revokes', async () => {
      const [, seller, agent] = await team(server);
      for (const who of [seller!, agent!]) {
        expect((await call(server, 'POST', '/v1/invites', { role: 'agent' }, who.token)).status).toBe(403);
        expect((await call(server, 'GET', '/v1/members', undefined, who.token)).body).toMatchObject({ error: { code: 'forbidden' } });
        expect((await call(server, 'POST', '/v1/members/revoke', { memberId: seller!.memberId }, who.token)).status).toBe(403);
      }
      expect((await sql.query('select count(*)::int as n from invites')).rows).toEqual([{ n: 2 }]);
    });

    it('a revoked member is refused on the very next request', async () => {
      const [owner, seller] = await team(server);
      await push(seller!, 'sam-1', [tagPut(1, SHOP_A)]);
      const revoked = await call(server, 'POST', '/v1/members/revoke', { memberId: seller!.memberId }, owner!.token);
      expect(revoked).toEqual({ status: 200, body: { memberId: seller!.memberId, revoked: true } });
      const before = await dump();
      for (const [method, path, body] of [
        ['POST', '/v1/pull', { clientId: 'sam-1', cookie: null }],
        ['POST', '/v1/push', { clientId: 'sam-1', mutations: [tagPut(2, SHOP_A, 'new')] }],
        ['GET', '/v1/me', undefined],
      ] as const) {
        const reply = await call(server, method, path, body, seller!.token);
        expect(reply, path).toMatchObject({ status: 401, body: { error: { code: 'revoked' } } });
      }
      expect(await dump()).toEqual(before);
      const listed = ((await call(server, 'GET', '/v1/members', undefined, owner!.token)).body as MembersReply).members;
      expect(listed.find((x) => x.memberId === seller!.memberId)).toMatchObject({ revoked: true, revokedAt: clock });
    });

    it('the last owner cannot be revoked; another owner can be', async () => {
      const [owner, second] = await team(server, ['owner']);
      expect(await call(server, 'POST', '/v1/members/revoke', { memberId: second!.memberId }, owner!.token)).toMatchObject({ status: 200 });
      expect(await call(server, 'POST', '/v1/members/revoke', { memberId: owner!.memberId }, owner!.token)).toMatchObject({
        status: 409,
        body: { error: { code: 'last-owner' } },
      });
      expect(await call(server, 'POST', '/v1/members/revoke', { memberId: 'm_nobody' }, owner!.token)).toMatchObject({ status: 404 });
    });

    it('an invite is single use, expires after 7 days, and an unknown code is refused', async () => {
      const [owner] = await team(server, []);
      const invite = async () => ((await call(server, 'POST', '/v1/invites', { role: 'agent' }, owner!.token)).body as InviteReply).code;
      const once = await invite();
      expect((await call(server, 'POST', '/v1/join', { code: once, name: 'Ann' })).status).toBe(201);
      expect(await call(server, 'POST', '/v1/join', { code: once, name: 'Eve' })).toMatchObject({ status: 409, body: { error: { code: 'invite-used' } } });

      const late = await invite();
      clock += INVITE_TTL_MS;
      expect(await call(server, 'POST', '/v1/join', { code: late, name: 'Ann' })).toMatchObject({ status: 410, body: { error: { code: 'invite-expired' } } });
      expect(await call(server, 'POST', '/v1/join', { code: 'bli_guess', name: 'Eve' })).toMatchObject({ status: 404, body: { error: { code: 'invite-unknown' } } });
      expect((await sql.query('select count(*)::int as n from members')).rows).toEqual([{ n: 2 }]);
    });

    it('keeps tokens and invite codes only as SHA-256 hashes', async () => {
      const [owner, seller] = await team(server, ['seller']);
      const { code } = (await call(server, 'POST', '/v1/invites', { role: 'agent' }, owner!.token)).body as InviteReply;
      const everything = JSON.stringify(await dump());
      for (const secret of [owner!.token, seller!.token, code]) expect(everything).not.toContain(secret);
      const { rows } = await sql.query<{ id: string; token_hash: string }>('select id, token_hash from members order by joined_at, id');
      const hashes = new Map(rows.map((r) => [r.id, r.token_hash]));
      expect(hashes.get(owner!.memberId)).toBe(sha256(owner!.token));
      expect(hashes.get(seller!.memberId)).toMatch(/^[0-9a-f]{64}$/);
      expect((await sql.query('select code_hash from invites where used_at is null')).rows).toEqual([{ code_hash: sha256(code) }]);
    });

    it('a server can close workspace creation', async () => {
      const closed = await SyncServer.open(sql, { ...OPTIONS, openSignup: false });
      const reply = await handle(closed, { method: 'POST', path: '/v1/workspaces', body: JSON.stringify({ name: 'X', ownerName: 'Y' }) });
      expect(reply).toMatchObject({ status: 403, body: { error: { code: 'signup-closed' } } });
    });

    it('migrations run once: opening again changes nothing', async () => {
      expect(await migrate(sql)).toBe(MIGRATIONS.length);
      await SyncServer.open(sql, OPTIONS);
      expect((await sql.query('select version from schema_version')).rows).toEqual([{ version: MIGRATIONS.length }]);
    });
  });

  describe('tenant isolation', () => {
    let a: TeamMember[];
    let b: TeamMember[];
    beforeEach(async () => {
      a = await team(server, ['seller'], 'A');
      b = await team(server, ['seller'], 'B');
      await push(a[0]!, 'a-owner', [tagPut(1, SHOP_A), notePut(2, SHOP_A, 'A secret', 'note-a')]);
      await push(b[0]!, 'b-owner', [tagPut(1, SHOP_B)]);
    });

    it("a pull shows only the member's workspace's shops, even with a cookie naming another", async () => {
      const fromB = await pull(b[1]!, 'b-seller');
      expect(fromB.changes.map((c) => c.row.id)).toEqual([tagIdOf(SHOP_B, 'vip')]);
      expect(Object.keys(fromB.cookie!)).toEqual([SHOP_B]);
      const sneaky = await pull(b[1]!, 'b-seller', { [SHOP_A]: 0, [SHOP_B]: 0 });
      expect(sneaky.changes.map((c) => c.row.id)).toEqual([tagIdOf(SHOP_B, 'vip')]);
      expect(JSON.stringify(await pull(b[0]!, 'b-owner', { [SHOP_A]: 99 }))).not.toContain('secret');
      expect((await pull(a[1]!, 'a-seller')).changes).toHaveLength(2);
    });

    it("a push to another workspace's shop is rejected as forbidden and writes nothing", async () => {
      const before = (await dump()).records;
      const reply = await push(b[0]!, 'b-owner', [
        tagPut(2, SHOP_A, 'spam'),
        m(3, 'tag.delete', { shopId: SHOP_A, tagId: tagIdOf(SHOP_A, 'vip') }),
        notePut(4, SHOP_A, 'overwritten', 'note-a'),
        m(5, 'sightings.record', { shop: { platform: 'demo', key: 'blossom', name: 'x' }, orders: [], buyers: [] }),
        m(6, 'customer.forget', { shopId: SHOP_A, customerId: customerIdOf(SHOP_A, 'nick:ana'), keyHashes: [] }),
      ]);
      expect(reply.lastMid).toBe(6);
      expect(reply.rejected.map((r) => r.mid)).toEqual([2, 3, 4, 5, 6]);
      for (const r of reply.rejected) expect(r.reason).toMatch(/^forbidden: shop demo:blossom belongs to another workspace/);
      expect((await dump()).records).toEqual(before);
    });

    it("ids of another workspace's records, used in one's own shop, touch only one's own records", async () => {
      const before = (await sql.query("select * from records where shop_id = 'demo:blossom' order by tbl, id")).rows;
      const reply = await push(b[0]!, 'b-owner', [
        // The id A's tag has: B gets its own tag under it, A's stays as it was.
        m(2, 'tag.put', { shopId: SHOP_B, tagId: tagIdOf(SHOP_A, 'vip'), name: 'taken', color: 'blue' }),
        m(3, 'note.put', { shopId: SHOP_B, noteId: 'note-a', customerId: customerIdOf(SHOP_B, 'nick:ana'), text: 'mine', baseRev: 1, authorName: 'B' }),
        m(4, 'note.delete', { shopId: SHOP_B, noteId: 'note-a' }),
      ]);
      expect(reply).toEqual({ lastMid: 4, rejected: [] });
      expect((await sql.query("select * from records where shop_id = 'demo:blossom' order by tbl, id")).rows).toEqual(before);
      // And A keeps using the ids it needs.
      expect(await push(a[1]!, 'a-seller', [notePut(1, SHOP_A, 'A edits', 'note-a'), tagPut(2, SHOP_A)])).toMatchObject({ rejected: [] });
      const fromA = await pull(a[0]!, 'a-owner');
      expect(fromA.changes.filter((c) => c.table === 'notes').map((c) => c.row.text).sort()).toEqual(['A edits', 'A secret']);
      expect(JSON.stringify(fromA)).not.toMatch(/taken|mine/);
    });

    it("a client id is bound to its first member: another member using it is refused", async () => {
      const before = await dump();
      for (const path of ['/v1/push', '/v1/pull']) {
        const body = path === '/v1/push' ? { clientId: 'a-owner', mutations: [tagPut(9, SHOP_B)] } : { clientId: 'a-owner', cookie: null };
        expect(await call(server, 'POST', path, body, b[0]!.token)).toMatchObject({ status: 403, body: { error: { code: 'client-of-another-member' } } });
        expect((await call(server, 'POST', path, body, a[1]!.token)).status).toBe(403);
      }
      expect(await dump()).toEqual(before);
    });
  });

  describe('roles', () => {
    it("an agent's import, forget and deletes are rejected as forbidden; its tags and notes apply", async () => {
      const [owner, , agent] = await team(server);
      await push(owner!, 'o', [tagPut(1, SHOP_A)]);
      const ana = customerIdOf(SHOP_A, 'nick:ana');
      const reply = await push(agent!, 'ag', [
        m(1, 'import.records', { shop: { platform: 'demo', key: 'blossom', name: 'B' }, importId: 'i1', orders: [], customers: [] }),
        m(2, 'customer.forget', { shopId: SHOP_A, customerId: ana, keyHashes: [] }),
        m(3, 'tagging.add', { shopId: SHOP_A, tagId: tagIdOf(SHOP_A, 'vip'), adds: [{ customerId: ana, addId: 'a1' }] }),
        notePut(4, SHOP_A, 'asked for red'),
        m(5, 'tag.delete', { shopId: SHOP_A, tagId: tagIdOf(SHOP_A, 'vip') }),
        m(6, 'setting.put', { shopId: SHOP_A, key: 'rules', value: [] }),
      ]);
      expect(reply.lastMid).toBe(6);
      expect(reply.rejected).toEqual([
        { mid: 1, reason: 'forbidden: a member with the role agent may not import.records' },
        { mid: 2, reason: 'forbidden: a member with the role agent may not customer.forget' },
        { mid: 5, reason: 'forbidden: a member with the role agent may not tag.delete' },
        { mid: 6, reason: 'forbidden: a member with the role agent may not setting.put' },
      ]);
      const { rows } = await sql.query<{ tbl: string; data: { updatedBy: string; deleted: boolean } }>('select tbl, data from records order by tbl');
      expect(rows.map((r) => [r.tbl, r.data.updatedBy, r.data.deleted])).toEqual([
        ['notes', agent!.memberId, false],
        ['taggings', agent!.memberId, false],
        ['tags', owner!.memberId, false],
      ]);
    });

    it('a seller imports but may not forget a customer', async () => {
      const [, seller] = await team(server);
      const reply = await push(seller!, 's', [
        m(1, 'import.records', { shop: { platform: 'demo', key: 'blossom', name: 'B' }, importId: 'i1', orders: [], customers: [] }),
        m(2, 'customer.forget', { shopId: SHOP_A, customerId: customerIdOf(SHOP_A, 'nick:ana'), keyHashes: [] }),
      ]);
      expect(reply.rejected).toEqual([{ mid: 2, reason: 'forbidden: a member with the role seller may not customer.forget' }]);
    });
  });

  describe('hostile and malformed requests', () => {
    it('get a clear 4xx and write nothing', async () => {
      const [owner] = await team(server, []);
      const t = owner!.token;
      const before = await dump();
      const cases: [string, number, string, Parameters<typeof call>][] = [
        ['no token', 401, 'unauthenticated', [server, 'POST', '/v1/push', { clientId: 'c', mutations: [tagPut(1, SHOP_A)] }]],
        ['a wrong token', 401, 'invalid-token', [server, 'POST', '/v1/push', { clientId: 'c', mutations: [tagPut(1, SHOP_A)] }, `blt_${'x'.repeat(43)}`]],
        ['a huge token', 401, 'invalid-token', [server, 'POST', '/v1/pull', { clientId: 'c', cookie: null }, 'x'.repeat(10_000)]],
        ['a token not as Bearer', 401, 'unauthenticated', [server, 'GET', '/v1/me', undefined, undefined, { authorization: `Basic ${t}` }]],
        ['not JSON', 400, 'bad-json', [server, 'POST', '/v1/push', '{"clientId":', t]],
        ['a wrong shape', 400, 'invalid-request', [server, 'POST', '/v1/push', { clientId: 'c', mutations: 'all' }, t]],
        ['too many mutations', 400, 'invalid-request', [server, 'POST', '/v1/push', { clientId: 'c', mutations: Array.from({ length: 501 }, (_, i) => tagPut(i + 1, SHOP_A)) }, t]],
        ['a negative mid', 400, 'invalid-request', [server, 'POST', '/v1/push', { clientId: 'c', mutations: [{ ...tagPut(1, SHOP_A), mid: -1 }] }, t]],
        ['a huge client id', 400, 'invalid-request', [server, 'POST', '/v1/pull', { clientId: 'c'.repeat(1000), cookie: null }, t]],
        ['an unknown role', 400, 'invalid-request', [server, 'POST', '/v1/invites', { role: 'admin' }, t]],
        ['an empty name', 400, 'invalid-request', [server, 'POST', '/v1/workspaces', { name: '  ', ownerName: 'x' }]],
        ['a name that is no string', 400, 'invalid-request', [server, 'POST', '/v1/join', { code: 'bli_x', name: { $gt: '' } }]],
        ['prototype games', 400, 'invalid-request', [server, 'POST', '/v1/workspaces', '{"__proto__":{"name":"x","ownerName":"y"}}']],
        ['an oversized body', 413, 'too-large', [server, 'POST', '/v1/push', 'x'.repeat(4 * 1024 * 1024 + 1), t]],
        ['a wrong method', 405, 'method-not-allowed', [server, 'GET', '/v1/push', undefined, t]],
        ['an unknown path', 404, 'not-found', [server, 'POST', '/v1/admin', {}, t]],
        ['an inherited path', 404, 'not-found', [server, 'POST', 'constructor', {}, t]],
        ['a web page', 403, 'origin-not-allowed', [server, 'POST', '/v1/workspaces', { name: 'x', ownerName: 'y' }, undefined, { origin: 'https://evil.example' }]],
        ['a look-alike origin', 403, 'origin-not-allowed', [server, 'POST', '/v1/push', { clientId: 'c', mutations: [] }, t, { origin: 'chrome-extension://abc.evil.example' }]],
        ['revoking oneself into no owner', 409, 'last-owner', [server, 'POST', '/v1/members/revoke', { memberId: owner!.memberId }, t]],
      ];
      for (const [what, status, code, args] of cases) {
        const reply = await call(...args);
        expect(reply, what).toMatchObject({ status, body: { error: { code, message: expect.any(String) } } });
      }
      expect(await dump()).toEqual(before);
    });

    it('hostile text in arguments is stored as text, nothing else', async () => {
      const [owner] = await team(server, []);
      const name = "vip'); drop table records; --";
      const reply = await push(owner!, 'c', [m(1, 'tag.put', { shopId: SHOP_A, tagId: 'tag-x', name, color: 'red' })]);
      expect(reply.rejected).toEqual([]);
      expect((await sql.query<{ data: { name: string } }>('select data from records')).rows.map((r) => r.data.name)).toEqual([name]);
    });
  });

  describe('CORS', () => {
    it('answers the preflight of an extension page, echoing its origin, never *', async () => {
      for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://6f7c2b1e-8a3d-4c7e-9f0a-1b2c3d4e5f60']) {
        const pre = await handle(server, { method: 'OPTIONS', path: '/v1/push', body: '', headers: { origin } });
        expect(pre.status).toBe(204);
        expect(pre.headers).toMatchObject({
          'access-control-allow-origin': origin,
          'access-control-allow-headers': 'authorization, content-type',
          'access-control-allow-methods': 'POST, OPTIONS',
        });
        const refused = await handle(server, { method: 'POST', path: '/v1/pull', body: '{}', headers: { origin } });
        expect(refused.status).toBe(401);
        expect(refused.headers?.['access-control-allow-origin']).toBe(origin);
      }
      const web = await handle(server, { method: 'OPTIONS', path: '/v1/push', body: '', headers: { origin: 'https://evil.example' } });
      expect(web.status).toBe(403);
      expect(web.headers?.['access-control-allow-origin']).toBeUndefined();
      const none = await handle(server, { method: 'POST', path: '/v1/pull', body: '{}' });
      expect(none.headers?.['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('rate limit', () => {
    it('allows a burst of 40 per token, then answers 429 with Retry-After until the bucket refills', async () => {
      const [owner, seller] = await team(server, ['seller']);
      const pullAs = (who: { token: string }, clientId: string) => call(server, 'POST', '/v1/pull', { clientId, cookie: null }, who.token);
      clock += 60_000;
      for (let i = 0; i < 40; i++) expect((await pullAs(owner!, 'o')).status).toBe(200);
      const limited = await pullAs(owner!, 'o');
      expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate-limited' } }, headers: { 'retry-after': '1' } });
      // Another member's token has its own bucket.
      expect((await pullAs(seller!, 's')).status).toBe(200);
      clock += 100; // 20 per second: two more
      expect((await pullAs(owner!, 'o')).status).toBe(200);
      expect((await pullAs(owner!, 'o')).status).toBe(200);
      expect((await pullAs(owner!, 'o')).status).toBe(429);
    });
  });
});
