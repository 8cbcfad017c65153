// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pull, push, syncOnce, type Transport } from '@/lib/sync/client';
import { SYNCED_TABLES } from '@/lib/sync/tables';
import type { BuyerLensDb } from '@/lib/db/database';
import type { PullRequest, PullResponse, PushRequest } from '@/lib/sync/protocol';
import type { Member } from '@/server/members';
import type { Sql } from '@/server/sql';
import { SyncServer } from '@/server/sync-server';
import { buyer, freshOwnerService, order, SHOP, SHOP_ID } from '../db/helpers';
import { BACKENDS } from '../server/backends';
import { team, truncateAll } from '../server/team';

/**
 * Pull in pages: a fresh member's first pull of a large book comes in pages of at most N records,
 * each with a cookie that says exactly how far it got, so neither end holds the whole book in one
 * reply. The pages together must equal one unpaged pull, across several shops, and a paged reset
 * (after compaction raised a shop's horizon) must not start over at every page.
 */

const OTHER_SHOP = { platform: 'demo', key: 'second', name: 'Second shop' };
const OTHER_SHOP_ID = 'demo:second';

let sql: Sql;
let closeDb: () => Promise<void>;
let owner: Member;

async function dump(db: BuyerLensDb) {
  const out: Record<string, unknown[]> = {};
  for (const t of SYNCED_TABLES) out[t] = (await db.table(t).toArray()).sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
  return out;
}

/** A transport to `server` as the owner that records each pull reply. */
function transportTo(server: SyncServer, replies: PullResponse[] = []): Transport {
  return (async (path: string, body: unknown) => {
    if (path === '/v1/push') return JSON.parse(JSON.stringify(await server.push(owner, body as PushRequest)));
    const reply = JSON.parse(JSON.stringify(await server.pull(owner, body as PullRequest))) as PullResponse;
    replies.push(reply);
    return reply;
  }) as Transport;
}

describe.each(BACKENDS)('pull in pages ($name)', (backend) => {
  let whole: SyncServer;
  let paged: SyncServer;
  beforeAll(async () => {
    ({ sql, close: closeDb } = await backend.open());
    whole = await SyncServer.open(sql, { rateLimit: false });
    paged = await SyncServer.open(sql, { rateLimit: false, pullPageRows: 7 });
  }, 60_000);
  afterAll(() => closeDb());
  beforeEach(async () => {
    await truncateAll(sql);
    owner = (await team(whole, []))[0]!.member;
  });

  /** A book over two shops: customers, orders, tags, taggings and notes; pushed by its writer. */
  async function writeBook() {
    const writer = freshOwnerService();
    const nicks = ['ana', 'bo', 'cy', 'dee', 'eve', 'fay'];
    await writer.service['page.seen']({ shop: SHOP, orders: nicks.map((n, i) => order(`o${i}`, n, 1000 + i)) });
    await writer.service['page.seen']({ shop: OTHER_SHOP, orders: nicks.slice(0, 4).map((n, i) => order(`p${i}`, n, 2000 + i)) });
    const vip = await writer.service['tag.create']({ shopId: SHOP_ID, name: 'vip' });
    await writer.service['tagging.add']({ shop: SHOP, tagId: vip.id, buyers: nicks.slice(0, 3).map((n) => buyer(n)) });
    const other = await writer.service['tag.create']({ shopId: OTHER_SHOP_ID, name: 'wholesale' });
    await writer.service['tagging.add']({ shop: OTHER_SHOP, tagId: other.id, buyers: [buyer('ana')] });
    await writer.service['note.save']({ shopId: SHOP_ID, customerId: (await writer.db.customers.toArray())[0]!.id, text: 'Prefers WeChat' });
    await syncOnce(writer.db, transportTo(whole));
    return writer;
  }

  it('pages of at most N records, each with a cookie that moves on, together equal one unpaged pull', async () => {
    await writeBook();
    const one = freshOwnerService();
    const oneReplies: PullResponse[] = [];
    await pull(one.db, transportTo(whole, oneReplies));
    expect(oneReplies).toHaveLength(1);
    expect(oneReplies[0]!.more).toBeUndefined();
    const total = oneReplies[0]!.changes.length;
    expect(total).toBeGreaterThan(20);

    const many = freshOwnerService();
    const pages: PullResponse[] = [];
    const result = await syncOnce(many.db, transportTo(paged, pages));
    expect(pages.length).toBe(Math.ceil(total / 7));
    expect(pages.every((p) => p.changes.length <= 7)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.more === true)).toBe(true);
    expect(pages.at(-1)!.more).toBeUndefined();
    expect(pages.reduce((n, p) => n + p.changes.length, 0)).toBe(total);
    // Both shops came through, and the result names them.
    expect(result).toMatchObject({ status: 'pulled', changes: total, more: false });
    expect(result.status === 'pulled' && result.shops.sort()).toEqual([OTHER_SHOP_ID, SHOP_ID].sort());
    expect(await dump(many.db)).toEqual(await dump(one.db));
    // The last cookie equals the unpaged one: the next pull is incremental and brings nothing.
    expect(pages.at(-1)!.cookie).toEqual(oneReplies[0]!.cookie);
    expect(await pull(many.db, transportTo(paged))).toMatchObject({ status: 'pulled', changes: 0 });
  });

  it('a page cut in the middle of a shop carries on from that row, with later writes arriving in order', async () => {
    const writer = await writeBook();
    const reader = freshOwnerService();
    const t = transportTo(paged);
    await pull(reader.db, t); // one page only
    expect((await reader.db.meta.get('syncPullContinues'))?.value).toBe(true);
    // Meanwhile the writer adds more.
    await writer.service['tag.create']({ shopId: SHOP_ID, name: 'late' });
    await push(writer.db, transportTo(whole));
    await syncOnce(reader.db, t);
    expect((await reader.db.meta.get('syncPullContinues'))?.value).toBe(false);
    const fresh = freshOwnerService();
    await pull(fresh.db, transportTo(whole));
    expect(await dump(reader.db)).toEqual(await dump(fresh.db));
  });

  it('a paged pull after compaction raised a shop\'s horizon resets once, then continues page by page to the end', async () => {
    const writer = await writeBook();
    // A note deleted long ago, its tombstone purged: the shop's horizon rises above 0.
    const noteId = (await writer.db.notes.toArray())[0]!.id;
    await writer.service['note.delete']({ shopId: SHOP_ID, noteId });
    await push(writer.db, transportTo(whole));
    const day = 24 * 3_600_000;
    await whole.compact({ olderThanMs: day, now: Date.now() });
    await whole.compact({ olderThanMs: day, now: Date.now() + 2 * day });
    const pages: PullResponse[] = [];
    const reader = freshOwnerService();
    const result = await syncOnce(reader.db, transportTo(paged, pages));
    expect(pages.filter((p) => p.reset)).toHaveLength(1);
    expect(pages[0]!.reset).toBe(true);
    expect(pages.length).toBeGreaterThan(2);
    expect(result).toMatchObject({ status: 'pulled', reset: true, more: false });
    const fresh = freshOwnerService();
    await pull(fresh.db, transportTo(whole));
    expect(await dump(reader.db)).toEqual(await dump(fresh.db));
  });
});
