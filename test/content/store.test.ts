import { afterEach, describe, expect, it } from 'vitest';
import { BuyerLensDb } from '@/lib/db/database';
import { createService } from '@/lib/db/service';
import { isMessageKey, translator } from '@/lib/i18n';
import { ShopStore, type Caller } from '@/lib/content/store';
import { customerIdOf } from '@/lib/model/ids';
import type { BuyerSighting, OrderSighting, ShopRef } from '@/lib/model/sighting';
import type { RpcName } from '@/lib/rpc/protocol';
import { PROTOCOL } from '@/lib/rpc/protocol-all';
import { dispatch, type RpcHandlers } from '@/lib/rpc/server';

const SELF_ID = 'self-extension-id';
const SHOP: ShopRef = { platform: 'demo', key: 'blossom', name: '花开小铺' };
const SHOP_ID = 'demo:blossom';

function buyer(nick: string): BuyerSighting {
  return { key: `nick:${nick}`, otherKeys: [], displayName: nick };
}
function order(orderId: string, nick: string): OrderSighting {
  return { orderId, buyer: buyer(nick), placedAt: '2026-11-02T10:15:00+08:00', total: { amountMinor: 9_900, currency: 'CNY' }, status: 'paid' };
}
const zhang = customerIdOf(SHOP_ID, 'nick:张三');
const li = customerIdOf(SHOP_ID, 'nick:李四');

/** A gate holds back replies of one RPC until released, to observe what happens meanwhile. */
interface Gate {
  readonly name: RpcName;
  readonly waiting: (() => void)[];
}

let dbCounter = 0;
const dbs: BuyerLensDb[] = [];

/**
 * The real background service over a real database (fake-indexeddb), reached through the real
 * dispatcher, as a content script reaches it; replies validated as the real client does.
 */
function backend() {
  const db = new BuyerLensDb(`store-test-${Date.now()}-${dbCounter++}`);
  dbs.push(db);
  const t = translator('en');
  const handlers: RpcHandlers = createService({
    db,
    onChange: () => {},
    authorName: async () => 'Ada',
    message: (key, params) => (isMessageKey(key) ? t(key, params) : key),
  });
  const calls: RpcName[] = [];
  const gates: Gate[] = [];
  const call = (async (name: RpcName, args: unknown) => {
    calls.push(name);
    const gate = gates.find((g) => g.name === name);
    if (gate) await new Promise<void>((resolve) => gate.waiting.push(resolve));
    const result = await dispatch(handlers, { rpc: name, args }, { id: SELF_ID }, SELF_ID);
    if (!result.ok) throw new Error(result.error.message);
    return PROTOCOL[name].reply.parse(result.value);
  }) as Caller;
  const direct = async <N extends RpcName>(name: N, args: unknown) => {
    const result = await dispatch(handlers, { rpc: name, args }, { id: SELF_ID }, SELF_ID);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as ReturnType<RpcHandlers[N]> extends Promise<infer R> ? R : never;
  };
  const hold = (name: RpcName): Gate => {
    const gate: Gate = { name, waiting: [] };
    gates.push(gate);
    return gate;
  };
  const release = (gate: Gate) => {
    gates.splice(gates.indexOf(gate), 1);
    for (const go of gate.waiting.splice(0)) go();
  };
  return { db, call, calls, direct, hold, release };
}

/** Until a gated call is actually waiting. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const names = (store: ShopStore, customerId: string) => store.tagsOf(customerId).map((t) => t.name);

describe('ShopStore over the real background service', () => {
  it('seen() records the page and learns the tags of the buyers shown', async () => {
    const be = backend();
    const vip = await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    await be.direct('tag.create', { shopId: SHOP_ID, name: '回购' });
    await be.direct('tagging.add', { shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] });

    const store = new ShopStore(SHOP, be.call);
    expect(store.shopId).toBe(SHOP_ID);
    let emitted = 0;
    store.subscribe(() => emitted++);
    await store.seen([order('1001', '张三'), order('1002', '李四')]);

    expect(names(store, zhang)).toEqual(['VIP']);
    expect(names(store, li)).toEqual([]);
    expect(store.allTags().map((t) => t.name).sort()).toEqual(['VIP', '回购'].sort());
    expect(store.customerIdOf(buyer('张三'))).toBe(zhang);
    expect(emitted).toBeGreaterThan(0);
    // The page's orders reached the database.
    expect(await be.db.orders.count()).toBe(2);
  });

  it('seen() with nothing on the page asks nothing', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([], []);
    expect(be.calls).toEqual([]);
  });

  it('addTag shows the chip at once, before the background answers, then keeps it once confirmed', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    const vip = await store.createTag('VIP', 'red');
    expect(store.tag(vip.id)).toMatchObject({ name: 'VIP', color: 'red' });

    const gate = be.hold('tagging.add');
    let emitted = 0;
    store.subscribe(() => emitted++);
    const adding = store.addTag(vip.id, [buyer('张三'), buyer('王五')]);
    // Optimistic: synchronously visible, and listeners told.
    expect(names(store, zhang)).toEqual(['VIP']);
    expect(names(store, customerIdOf(SHOP_ID, 'nick:王五'))).toEqual(['VIP']);
    expect(emitted).toBe(1);
    await until(() => gate.waiting.length === 1);
    expect(await be.db.taggings.count()).toBe(0);

    be.release(gate);
    expect(await adding).toBe(2);
    expect(names(store, zhang)).toEqual(['VIP']);
    expect(names(store, customerIdOf(SHOP_ID, 'nick:王五'))).toEqual(['VIP']);
    // Confirmed by the database: a fresh page learns it too.
    const other = new ShopStore(SHOP, be.call);
    await other.seen([], [buyer('张三'), buyer('王五')]);
    expect(names(other, zhang)).toEqual(['VIP']);
  });

  it('addTag of an already-tagged buyer changes nothing and does not duplicate the chip', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    const vip = await store.createTag('VIP');
    expect(await store.addTag(vip.id, [buyer('张三')])).toBe(1);
    expect(await store.addTag(vip.id, [buyer('张三')])).toBe(0);
    expect(names(store, zhang)).toEqual(['VIP']);
    expect(await store.addTag(vip.id, [])).toBe(0);
  });

  it('addTag that the background refuses takes the optimistic chip away again', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    const vip = await store.createTag('VIP');
    // Someone deleted the tag meanwhile; this page has not heard yet.
    await be.direct('tag.delete', { shopId: SHOP_ID, tagId: vip.id });
    await expect(store.addTag(vip.id, [buyer('张三')])).rejects.toThrow('That tag no longer exists.');
    expect(names(store, zhang)).toEqual([]);
    expect(store.tag(vip.id)).toBeUndefined();
  });

  it('removeTag hides the chip at once and removes the tagging in the database', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    const vip = await store.createTag('VIP');
    const again = await store.createTag('回购');
    await store.addTag(vip.id, [buyer('张三')]);
    await store.addTag(again.id, [buyer('张三')]);
    expect(names(store, zhang).sort()).toEqual(['VIP', '回购'].sort());

    const gate = be.hold('tagging.remove');
    const removing = store.removeTag(vip.id, [zhang]);
    expect(names(store, zhang)).toEqual(['回购']);
    await until(() => gate.waiting.length === 1);
    be.release(gate);
    await removing;
    expect(names(store, zhang)).toEqual(['回购']);

    const view = await be.direct('shop.view', { shopId: SHOP_ID, customerIds: [zhang] });
    expect(view.tagsByCustomer[zhang]).toEqual([again.id]);
  });

  it('refresh coalesces a burst into one more read, which sees the latest data', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    const vip = await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    be.calls.length = 0;

    const gate = be.hold('shop.view');
    const first = store.refresh();
    await until(() => gate.waiting.length === 1);
    // While the first read is out, the data changes and five more refreshes are asked for.
    await be.direct('tagging.add', { shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] });
    const burst = [store.refresh(), store.refresh(), store.refresh(), store.refresh(), store.refresh()];
    be.release(gate);
    await Promise.all([first, ...burst]);

    expect(be.calls.filter((n) => n === 'shop.view')).toHaveLength(2);
    expect(names(store, zhang)).toEqual(['VIP']);

    // Once settled, a new refresh reads again.
    await store.refresh();
    expect(be.calls.filter((n) => n === 'shop.view')).toHaveLength(3);
  });

  it('a refresh that fails does not wedge later refreshes', async () => {
    const be = backend();
    let fail = true;
    const flaky: Caller = (name, args) => (fail && name === 'shop.view' ? Promise.reject(new Error('background restarted')) : be.call(name, args));
    const store = new ShopStore(SHOP, flaky);
    await expect(store.refresh()).rejects.toThrow('background restarted');
    fail = false;
    await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    await store.refresh();
    expect(store.allTags().map((t) => t.name)).toEqual(['VIP']);
  });

  it('a reply about some buyers leaves the tags of buyers not asked about alone', async () => {
    const be = backend();
    const vip = await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    await be.direct('tagging.add', { shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] });
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    expect(names(store, zhang)).toEqual(['VIP']);

    // An infinite-scroll page shows the next rows: only 李四 is asked about.
    await store.seen([order('2', '李四')]);
    expect(names(store, zhang)).toEqual(['VIP']);
    expect(names(store, li)).toEqual([]);
  });

  it('a buyer asked about and answered with no tags loses stale tags', async () => {
    const be = backend();
    const vip = await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    await be.direct('tagging.add', { shop: SHOP, tagId: vip.id, buyers: [buyer('张三')] });
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    await be.direct('tagging.remove', { shopId: SHOP_ID, tagId: vip.id, customerIds: [zhang] });
    await store.seen([order('1', '张三')]);
    expect(names(store, zhang)).toEqual([]);
  });

  it('changedElsewhere bumps the revision and re-reads every buyer the page shows', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    await store.seen([order('2', '李四')]);
    const vip = await be.direct('tag.create', { shopId: SHOP_ID, name: 'VIP' });
    // A teammate (or the options page) tags both buyers.
    await be.direct('tagging.add', { shop: SHOP, tagId: vip.id, buyers: [buyer('张三'), buyer('李四')] });
    expect(names(store, zhang)).toEqual([]);

    let emitted = 0;
    store.subscribe(() => emitted++);
    const before = store.revision;
    await store.changedElsewhere();
    expect(store.revision).toBe(before + 1);
    expect(emitted).toBeGreaterThan(0);
    expect(names(store, zhang)).toEqual(['VIP']);
    expect(names(store, li)).toEqual(['VIP']);
  });

  it('tells revision listeners of a change elsewhere that touched no tag (a note), without re-rendering chips', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    await be.direct('note.save', { shopId: SHOP_ID, customerId: zhang, text: 'Called back', baseRev: 0 });
    let chips = 0;
    let revisions = 0;
    store.subscribe(() => chips++);
    store.onRevision(() => revisions++);
    await store.changedElsewhere();
    expect(revisions).toBe(1);
    expect(chips).toBe(0);
  });

  it('tags of a buyer are listed by name, and a tag renamed elsewhere shows its new name', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    const b = await store.createTag('b-tag');
    const a = await store.createTag('a-tag');
    await store.addTag(b.id, [buyer('张三')]);
    await store.addTag(a.id, [buyer('张三')]);
    expect(names(store, zhang)).toEqual(['a-tag', 'b-tag']);
    await be.direct('tag.update', { shopId: SHOP_ID, tagId: a.id, name: 'z-tag' });
    await store.changedElsewhere();
    expect(names(store, zhang)).toEqual(['b-tag', 'z-tag']);
  });

  it('createTag refuses a duplicate name with a message a person can read', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.createTag('VIP');
    await expect(store.createTag('  vip ')).rejects.toThrow('A tag named “VIP” already exists.');
    expect(store.allTags()).toHaveLength(1);
  });

  it('setTagColor updates the cached tag', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    const vip = await store.createTag('VIP', 'red');
    await store.setTagColor(vip.id, 'green');
    expect(store.tag(vip.id)?.color).toBe('green');
  });

  it('notes: save, edit and delete go to the profile and bump the revision so open profiles reload', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    await store.seen([order('1', '张三')]);
    const r0 = store.revision;
    await store.saveNote(zhang, 'Prefers SF Express');
    expect(store.revision).toBe(r0 + 1);
    let profile = await store.profile(zhang);
    expect(profile.notes.map((n) => n.text)).toEqual(['Prefers SF Express']);
    expect(profile.notes[0]!.authorName).toBe('Ada');

    await store.saveNote(zhang, 'Prefers SF Express, not ZTO', profile.notes[0]);
    profile = await store.profile(zhang);
    expect(profile.notes.map((n) => n.text)).toEqual(['Prefers SF Express, not ZTO']);
    expect(store.revision).toBe(r0 + 2);

    await expect(store.saveNote(zhang, '   ')).rejects.toThrow();
    await store.deleteNote(profile.notes[0]!.id);
    expect((await store.profile(zhang)).notes).toEqual([]);
    expect(store.revision).toBe(r0 + 3);
  });

  it('unsubscribe stops notifications', async () => {
    const be = backend();
    const store = new ShopStore(SHOP, be.call);
    let emitted = 0;
    const off = store.subscribe(() => emitted++);
    off();
    await store.createTag('VIP');
    expect(emitted).toBe(0);
  });
});
