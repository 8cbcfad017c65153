// @vitest-environment node
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { pull, push, PUSH_MAX_BYTES, type Transport } from '@/lib/sync/client';
import { ensureClientId } from '@/lib/db/write';
import type { BuyerLensDb } from '@/lib/db/database';
import { formatHlc } from '@/lib/sync/hlc';
import { BODY_LIMIT_BYTES, handle } from '@/server/http';
import { openPGlite, type Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { PUSH_MAX_MUTATIONS, type PullRequest, type PushRequest } from '@/lib/sync/protocol';
import type { Member } from '@/server/members';
import { freshOwnerService, order, SHOP, SHOP_ID } from '../db/helpers';
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
let ownerToken: string;
beforeEach(async () => {
  await truncateAll(sql);
  const [o] = await team(server, []);
  ({ member: owner, token: ownerToken } = o!);
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

/** Outbox entries written as the service would, with the client's own stamps. */
async function addToOutbox(db: BuyerLensDb, entries: { name: string; args: unknown }[]) {
  const clientId = await ensureClientId(db);
  const wall = Date.now();
  await db.outbox.bulkAdd(entries.map((e, i) => ({ clientId, name: e.name as 'note.put', args: e.args, hlc: formatHlc({ wall, counter: i, node: clientId }), createdAt: wall })));
}

it('push sends the oldest entries that fit in about 3 MB, so large imports never cross the server body limit', async () => {
  const a = freshOwnerService();
  await push(a.db, direct); // sync on
  // Four imports of about 1 MB each as UTF-8 (a third of that in UTF-16 code units: the names are
  // Chinese), with small notes between: four at once would be over the server's 4 MB.
  const item = { name: '纯棉宽松短袖T恤'.repeat(37), quantity: 1 };
  const imports = [0, 1, 2, 3].map((n) => ({
    name: 'import.records',
    args: { shop: SHOP, importId: `imp${n}`, orders: Array.from({ length: 160 }, (_, i) => order(`o${n}-${i}`, `buyer${i}`, 1000 + i, { items: Array(8).fill(item) })), customers: [] },
  }));
  const note = (n: number) => ({ name: 'note.put', args: { shopId: SHOP_ID, noteId: `n${n}`, customerId: 'c1', text: `note ${n}`, baseRev: 0, authorName: 'Ada' } });
  await addToOutbox(a.db, [imports[0]!, note(1), imports[1]!, imports[2]!, note(2), imports[3]!]);
  const importBytes = Buffer.byteLength(JSON.stringify(imports[0]!.args));
  expect(importBytes).toBeGreaterThan(1_000_000);
  expect(JSON.stringify(imports[0]!.args).length).toBeLessThan(importBytes / 2);

  // Through the real HTTP handler, which refuses a body over BODY_LIMIT_BYTES.
  const bodies: { bytes: number; mids: number[] }[] = [];
  const http = (async (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    if (path === '/v1/push') bodies.push({ bytes: Buffer.byteLength(text), mids: (body as PushRequest).mutations.map((m) => m.mid) });
    const reply = await handle(server, { method: 'POST', path, body: text, headers: { authorization: `Bearer ${ownerToken}` } });
    if (reply.status !== 200) throw new Error(`server answered ${reply.status}: ${JSON.stringify(reply.body)}`);
    return JSON.parse(JSON.stringify(reply.body)) as unknown;
  }) as Transport;
  for (let i = 0; i < 10 && (await a.db.outbox.count()); i++) expect((await push(a.db, http)).rejected).toEqual([]);

  expect(await a.db.outbox.count()).toBe(0);
  // Oldest first, each once, two imports per push (a third would be over 3 MB).
  expect(bodies.map((b) => b.mids)).toEqual([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  for (const b of bodies) expect(b.bytes).toBeLessThanOrEqual(PUSH_MAX_BYTES + 1000);
  expect(PUSH_MAX_BYTES).toBeLessThan(BODY_LIMIT_BYTES);
  expect(Number((await sql.query<{ n: number }>("select count(*)::int as n from records where tbl = 'orders'")).rows[0]!.n)).toBe(4 * 160);
}, 60_000);

it('push always sends at least one entry, however large, and never more than PUSH_MAX_MUTATIONS', async () => {
  const a = freshOwnerService();
  await push(a.db, direct); // sync on
  const sent: number[][] = [];
  const fake = (async (_path: string, body: unknown) => {
    const mids = (body as PushRequest).mutations.map((m) => m.mid);
    sent.push(mids);
    return { lastMid: mids.at(-1)!, rejected: [] };
  }) as Transport;
  const note = (n: number, text: string) => ({ name: 'note.put', args: { shopId: SHOP_ID, noteId: `n${n}`, customerId: 'c1', text, baseRev: 0, authorName: 'Ada' } });
  await addToOutbox(a.db, [note(1, 'x'.repeat(5000)), note(2, 'small'), note(3, 'small'), note(4, 'x'.repeat(300))]);
  // One too large for the limit goes alone; the next ones go together while they fit.
  while (await a.db.outbox.count()) await push(a.db, fake, { maxBytes: 500 });
  expect(sent).toEqual([[1], [2, 3], [4]]);

  sent.length = 0;
  await addToOutbox(a.db, Array.from({ length: PUSH_MAX_MUTATIONS + 20 }, (_, i) => note(100 + i, 'tiny')));
  while (await a.db.outbox.count()) await push(a.db, fake);
  expect(sent.map((m) => m.length)).toEqual([PUSH_MAX_MUTATIONS, 20]);
});
