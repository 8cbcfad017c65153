// @vitest-environment node
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { pull, push, type Transport } from '@/lib/sync/client';
import { openPGlite, type Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import type { PullRequest, PushRequest } from '@/lib/sync/protocol';
import type { Member } from '@/server/members';
import { freshOwnerService, SHOP_ID } from '../db/helpers';
import { team, truncateAll } from '../server/team';

let sql: Sql;
let close: () => Promise<void>;
let server: SyncServer;
beforeAll(async () => {
  ({ sql, close } = await openPGlite());
  server = await SyncServer.open(sql);
}, 60_000);
afterAll(() => close());
let owner: Member;
beforeEach(async () => {
  await truncateAll(sql);
  owner = (await team(server, []))[0]!.member;
});

/** The owner's requests, straight to the server (the token was checked when the team was made). */
const direct: Transport = (async (path: string, body: unknown) =>
  JSON.parse(JSON.stringify(path === '/v1/push' ? await server.push(owner, body as PushRequest) : await server.pull(owner, body as PullRequest)))) as Transport;

it('push drops what the server acknowledged; a pull brings it to another client', async () => {
  const a = freshOwnerService();
  const b = freshOwnerService();
  await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
  expect(await push(a.db, direct)).toMatchObject({ sent: 1, acknowledged: 1 });
  expect(await a.db.outbox.count()).toBe(0);
  expect(await pull(b.db, direct)).toMatchObject({ status: 'pulled', changes: 1 });
  expect((await b.db.tags.toArray()).map((t) => t.name)).toEqual(['vip']);
});

it('writes from before sync was on are pushed before a pull rebases', async () => {
  const a = freshOwnerService();
  await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
  expect(await pull(a.db, direct)).toEqual({ status: 'push-first' });
  await push(a.db, direct);
  expect((await pull(a.db, direct)).status).toBe('pulled');
});

it('a rejected mutation is acknowledged, remembered, and its local effect undone by the next pull', async () => {
  const a = freshOwnerService();
  await push(a.db, direct); // sync on
  await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
  // Corrupt the outbox entry so the server's schema refuses it.
  const [entry] = await a.db.outbox.toArray();
  await a.db.outbox.put({ ...entry!, args: { shopId: SHOP_ID } });
  const reply = await push(a.db, direct);
  expect(reply.rejected).toHaveLength(1);
  expect(await a.db.outbox.count()).toBe(0);
  expect(await a.db.tags.count()).toBe(1);
  await pull(a.db, direct);
  expect(await a.db.tags.count()).toBe(0);
  expect((await a.db.meta.get('syncRejected'))?.value).toHaveLength(1);
});

it('a pending mutation stays applied on top of the pulled state', async () => {
  const a = freshOwnerService();
  const b = freshOwnerService();
  await push(a.db, direct);
  await b.service['tag.create']({ shopId: SHOP_ID, name: 'new' });
  await push(b.db, direct);
  await a.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
  expect(await pull(a.db, direct)).toMatchObject({ status: 'pulled', pending: 1 });
  expect((await a.db.tags.toArray()).map((t) => t.name).sort()).toEqual(['new', 'vip']);
});
