// @vitest-environment node
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BuyerLensDb } from '@/lib/db/database';
import { createService } from '@/lib/db/service';
import { isOwnerKey, ownerTranslator } from '@/lib/i18n/owner';
import { customerIdOf, tagIdOf } from '@/lib/model/ids';
import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, type BackupHeader } from '@/lib/model/owner';
import type { RpcErrorCode, RpcInput, RpcName, RpcReply } from '@/lib/rpc/protocol';
import { dispatch, RpcError } from '@/lib/rpc/server';
import { backoffMs, SyncEngine } from '@/lib/sync/engine';
import { handle } from '@/server/http';
import type { Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { buyer, SHOP, SHOP_ID } from '../db/helpers';
import { BACKENDS } from '../server/backends';
import { truncateAll } from '../server/team';

/**
 * The background's team sync end to end in Node: two browser profiles (each the real service and
 * its real SyncEngine over its own fake-indexeddb) and the real server (in-process, through the
 * real HTTP handler behind a fetch). What the Team tab does — create a workspace, invite, join,
 * revoke, leave — and what a person relies on: a tag made in one profile shows in the other,
 * changes typed offline are sent when the server is back, a revoked member is stopped at once.
 */

const SERVER = 'http://127.0.0.1:8787';
const ORIGIN = 'chrome-extension://aengihfjjnocclibjcohcjjhkfjddmdn';
const SELF = { id: 'self' };

let sql: Sql;
let closeDb: () => Promise<void>;
let server: SyncServer;
/** When false, every request fails as if the network were down. */
let online = true;
const seen: { path: string; auth: boolean }[] = [];

/** fetch over the real HTTP handler, as the extension's background would reach the server. */
const serverFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  if (!online) throw new TypeError('Failed to fetch');
  const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
  seen.push({ path: url.pathname, auth: !!headers.authorization });
  const reply = await handle(server, { method: init?.method ?? 'GET', path: url.pathname, body: String(init?.body ?? ''), headers: { ...headers, origin: ORIGIN } });
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
};

let counter = 0;
type Caller = { [N in RpcName]: (args: RpcInput<N>) => Promise<RpcReply<N>> };

/** One browser profile: its database, its engine, its service called through the real dispatcher. */
function profile(name: string) {
  const db = new BuyerLensDb(`team-sync-${Date.now()}-${counter++}`);
  const sync = new SyncEngine({ db, fetch: serverFetch, random: () => 0.5 });
  const changed: string[] = [];
  const t = ownerTranslator('en');
  const handlers = createService({
    db,
    sync,
    onChange: (shopId) => changed.push(shopId),
    authorName: async () => name,
    message: (key, params) => (isOwnerKey(key) ? t(key, params) : key),
  });
  const call = new Proxy({} as Caller, {
    get: (_t, rpc: string) => async (args: unknown) => {
      const result = await dispatch(handlers, { rpc, args }, SELF, SELF.id);
      if (!result.ok) throw new RpcError(result.error.code as RpcErrorCode, result.error.message);
      return result.value;
    },
  });
  return { db, sync, call, changed };
}
type Profile = ReturnType<typeof profile>;
const profiles: Profile[] = [];
function open(name: string) {
  const p = profile(name);
  profiles.push(p);
  return p;
}

async function tagOnPage(p: Profile, tagName: string, nick: string) {
  const tag = await p.call['tag.create']({ shopId: SHOP_ID, name: tagName }).catch(async () => ({ id: tagIdOf(SHOP_ID, tagName) }));
  await p.call['tagging.add']({ shop: SHOP, tagId: tag.id, buyers: [buyer(nick)] });
  return tag.id;
}

async function tagsOf(p: Profile, nick: string) {
  const view = await p.call['shop.view']({ shopId: SHOP_ID, customerIds: [customerIdOf(SHOP_ID, `nick:${nick}`)] });
  return (view.tagsByCustomer[customerIdOf(SHOP_ID, `nick:${nick}`)] ?? []).map((id) => view.tags.find((t) => t.id === id)?.name);
}

/** A workspace made by `owner`, joined by a member with this role; both synced once. */
async function teamOf(role: 'seller' | 'agent' = 'seller') {
  const owner = open('Olga');
  const member = open('Sam');
  await owner.call['team.create']({ server: SERVER, workspaceName: 'Blossom', ownerName: 'Olga' });
  const invite = await owner.call['team.invite']({ role });
  await member.call['team.join']({ invite: invite.link, name: 'Sam' });
  return { owner, member, invite };
}

describe.each(BACKENDS)('team sync through the background engine ($name)', (backend) => {
  beforeAll(async () => {
    ({ sql, close: closeDb } = await backend.open());
    server = await SyncServer.open(sql, { rateLimit: false });
  });
  afterAll(async () => {
    await closeDb();
  });
  afterEach(async () => {
    for (const p of profiles.splice(0)) {
      await p.sync.stop();
      p.db.close();
    }
    online = true;
    seen.length = 0;
    await truncateAll(sql);
  });

  it('an owner creates a workspace, invites a seller by link, and a tag made by one shows for the other', async () => {
    const { owner, member, invite } = await teamOf('seller');
    expect(invite.link).toMatch(/^http:\/\/127\.0\.0\.1:8787\/join#bli_/);
    const account = await member.call['team.get']({});
    expect(account.account).toMatchObject({ workspaceName: 'Blossom', memberName: 'Sam', role: 'seller' });
    expect(JSON.stringify(account)).not.toContain('blt_'); // the token stays in the background

    await tagOnPage(owner, 'VIP', 'ana');
    expect((await owner.call['sync.now']({})).state).toBe('up-to-date');
    const pulled = new Promise<readonly string[]>((resolve) => member.sync.onPulled(resolve));
    await member.call['sync.now']({});
    expect(await pulled).toEqual([SHOP_ID]);
    expect(await tagsOf(member, 'ana')).toEqual(['VIP']);
    // The open page of the shop is told (it re-reads on this).
    expect(member.changed).toContain(SHOP_ID);

    // And back: the seller's note reaches the owner, signed by the seller.
    const ana = customerIdOf(SHOP_ID, 'nick:ana');
    await member.call['note.save']({ shopId: SHOP_ID, customerId: ana, text: 'Prefers WeChat' });
    await member.call['sync.now']({});
    await owner.call['sync.now']({});
    const profileView = await owner.call['profile.get']({ shopId: SHOP_ID, customerId: ana });
    expect(profileView.notes.map((n) => [n.text, n.authorName])).toEqual([['Prefers WeChat', 'Sam']]);
  });

  it('pushes on its own soon after a write (debounced), without anyone pressing sync', async () => {
    const { owner, member } = await teamOf('seller');
    await owner.call['sync.now']({});
    seen.length = 0;
    await tagOnPage(member, 'Gift', 'bo');
    await tagOnPage(member, 'Gift', 'cy');
    await expect.poll(() => owner.sync.syncNow().then(() => tagsOf(owner, 'cy')), { timeout: 5_000, interval: 200 }).toEqual(['Gift']);
    // One burst of writes went as few pushes, all with the member's token.
    const pushes = seen.filter((s) => s.path === '/v1/push');
    expect(pushes.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.auth)).toBe(true);
  });

  it('keeps what was typed while the server was unreachable, backs off, and sends it when it is back', async () => {
    const { owner, member } = await teamOf('seller');
    online = false;
    await tagOnPage(member, 'Offline', 'dee');
    const failed = await member.call['sync.now']({});
    expect(failed.state).toBe('error');
    expect(failed.error?.code).toBe('offline');
    expect(failed.pending).toBeGreaterThan(0);
    expect(failed.nextRetryAt).toBeGreaterThan(Date.now());
    // The backoff is stored: a round the alarm starts now does not hammer the server.
    const before = seen.length;
    member.sync.wake();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(before);

    online = true;
    const ok = await member.call['sync.now']({});
    expect(ok).toMatchObject({ state: 'up-to-date', pending: 0 });
    expect(ok.error).toBeUndefined();
    await owner.call['sync.now']({});
    expect(await tagsOf(owner, 'dee')).toEqual(['Offline']);
  });

  it('a revoked member is stopped at once and told why; nothing they write afterwards reaches the team', async () => {
    const { owner, member } = await teamOf('agent');
    await member.call['sync.now']({});
    const members = await owner.call['team.members']({});
    const sam = members.members.find((m) => m.name === 'Sam')!;
    expect(members.members.find((m) => m.you)?.name).toBe('Olga');
    await owner.call['team.revoke']({ memberId: sam.memberId });

    await tagOnPage(member, 'Late', 'eve');
    const status = await member.call['sync.now']({});
    expect(status.state).toBe('revoked');
    await owner.call['sync.now']({});
    expect(await tagsOf(owner, 'eve')).toEqual([]);
    // Local work is kept on the member's computer all the same.
    expect(await tagsOf(member, 'eve')).toEqual(['Late']);
  });

  it('only an owner manages members; an agent asking is refused with a reason', async () => {
    const { member } = await teamOf('agent');
    await expect(member.call['team.invite']({ role: 'seller' })).rejects.toThrow(/Only the workspace’s owner/);
    await expect(member.call['team.members']({})).rejects.toThrow(/Only the workspace’s owner/);
  });

  it('the background itself refuses what the role forbids: an agent cannot export, import, delete or forget; restoring over the team\'s book is refused', async () => {
    const { owner, member: agent } = await teamOf('agent');
    await tagOnPage(owner, 'VIP', 'ana');
    await owner.call['sync.now']({});
    await agent.call['sync.now']({});
    const ana = customerIdOf(SHOP_ID, 'nick:ana');
    const refused = /role in this team \(agent\) does not allow/;
    await expect(agent.call['export.csv']({ shopId: SHOP_ID, filter: { query: '' }, columns: ['name'] })).rejects.toThrow(refused);
    await expect(agent.call['customer.export']({ shopId: SHOP_ID, customerId: ana })).rejects.toThrow(refused);
    await expect(agent.call['import.begin']({ shop: SHOP, fileName: 'orders.csv', format: 'shopify' })).rejects.toThrow(refused);
    await expect(agent.call['tag.delete']({ shopId: SHOP_ID, tagId: tagIdOf(SHOP_ID, 'VIP') })).rejects.toThrow(refused);
    await expect(agent.call['customer.forget']({ shopId: SHOP_ID, customerId: ana })).rejects.toThrow(refused);
    // The profile beside the chat offers no Delete on notes to an agent; the owner's does.
    expect((await agent.call['profile.get']({ shopId: SHOP_ID, customerId: ana })).canDeleteNotes).toBe(false);
    expect((await owner.call['profile.get']({ shopId: SHOP_ID, customerId: ana })).canDeleteNotes).toBeUndefined();
    // What an agent does all day still works.
    await agent.call['note.save']({ shopId: SHOP_ID, customerId: ana, text: 'Asked about sizes' });
    await tagOnPage(agent, 'Asked', 'ana');
    expect(await tagsOf(agent, 'ana')).toEqual(['Asked', 'VIP']);
    // The owner may; and in a team nobody restores a backup over the shared book.
    expect((await owner.call['customer.export']({ shopId: SHOP_ID, customerId: ana })).json).toContain('ana');
    await expect(owner.call['restore.begin']({ header: { format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), counts: Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<(typeof BACKUP_TABLES)[number], number> } })).rejects.toThrow(/Leave the team first/);
  });

  it('refuses a plain-http server that is not this computer, a malformed invite, and a spent invite, saying why', async () => {
    const p = open('Ann');
    await expect(p.call['team.create']({ server: 'http://team.example.com', workspaceName: 'W', ownerName: 'Ann' })).rejects.toThrow(/https/);
    await expect(p.call['team.join']({ invite: 'hello there', name: 'Ann' })).rejects.toThrow(/not an invite/);
    const { invite } = await teamOf('seller');
    await expect(p.call['team.join']({ invite: invite.link, name: 'Ann' })).rejects.toThrow(/already been used/);
    expect((await p.call['team.get']({})).account).toBeUndefined();
  });

  it('the local book from before the team goes to the new workspace when its owner creates it', async () => {
    const owner = open('Olga');
    await tagOnPage(owner, 'Before', 'fay');
    await owner.call['team.create']({ server: SERVER, workspaceName: 'Blossom', ownerName: 'Olga' });
    await owner.call['sync.now']({});
    const invite = await owner.call['team.invite']({ role: 'agent' });
    const agent = open('Ann');
    await agent.call['team.join']({ invite: invite.link, name: 'Ann' });
    await agent.call['sync.now']({});
    expect(await tagsOf(agent, 'fay')).toEqual(['Before']);
  });

  it('a book restored from a backup stays on this computer when its owner then makes a team (its records came from no outbox entry)', async () => {
    const before = open('Olga');
    await tagOnPage(before, 'Restored', 'hal');
    // Back up the old browser, restore into a new one: the new one's outbox is empty.
    const { counts } = await before.call['backup.info']({});
    const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date().toISOString(), counts };
    const restored = open('Olga');
    const { jobId } = await restored.call['restore.begin']({ header });
    for (const table of BACKUP_TABLES) {
      const { rows } = await before.call['backup.read']({ table, offset: 0, limit: 1000 });
      if (rows.length) await restored.call['restore.stage']({ jobId, table, rows });
    }
    await restored.call['restore.commit']({ jobId });
    expect(await restored.db.outbox.count()).toBe(0);
    await restored.call['team.create']({ server: SERVER, workspaceName: 'Blossom', ownerName: 'Olga' });
    expect((await restored.call['sync.now']({})).state).toBe('up-to-date');
    expect(await tagsOf(restored, 'hal')).toEqual(['Restored']);
  });

  it('leaving keeps the data and the changes not yet sent; joining again sends them', async () => {
    const { owner, member } = await teamOf('seller');
    await tagOnPage(member, 'Sent', 'gus');
    expect((await member.call['sync.now']({})).state).toBe('up-to-date');
    online = false;
    await tagOnPage(member, 'Kept', 'gus');
    const left = await member.call['team.leave']({});
    expect(left.pending).toBeGreaterThan(0);
    expect((await member.call['sync.status']({})).state).toBe('off');
    expect(await tagsOf(member, 'gus')).toEqual(['Kept', 'Sent']);
    online = true;
    // Back in as a new member (a new client): its first mutation id is 1 again on the server.
    const invite = await owner.call['team.invite']({ role: 'seller' });
    await member.call['team.join']({ invite: invite.link, name: 'Sam again' });
    expect((await member.call['sync.now']({})).state).toBe('up-to-date');
    await owner.call['sync.now']({});
    expect(await tagsOf(owner, 'gus')).toEqual(['Kept', 'Sent']);
  });
});

describe('backoff', () => {
  it('doubles from 2 s up to 5 min, with ±25 % jitter', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30, () => 0.5)).toBe(300_000);
    expect(backoffMs(1, () => 0)).toBe(1500);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(2500);
  });
});
