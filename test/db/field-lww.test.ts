import { describe, expect, it } from 'vitest';
import { BuyerLensDb } from '@/lib/db/database';
import { compareStamps, MUTATORS, type WriteContext } from '@/lib/db/mutators';
import { customerIdOf } from '@/lib/model/ids';
import type { MutationArgs } from '@/lib/model/mutation';
import { formatHlc } from '@/lib/sync/hlc';
import { buyer, freshOwnerService, SHOP, SHOP_ID } from './helpers';

/**
 * Customer fields are last-writer-wins per field by (hlc, clientId) (DESIGN.md "Sync"). The
 * mutators are driven with explicit stamps here, as the server and a rebase drive them: a
 * teammate's mutation carries its own hlc and may arrive after a newer one.
 */

const ANA = customerIdOf(SHOP_ID, 'nick:ana');
const BASE = Date.UTC(2026, 10, 2);
const stamp = (wall: number, node: string, counter = 0) => formatHlc({ wall: BASE + wall, counter, node });
const ctx = (hlc: string): WriteContext => ({ now: BASE, hlc, actor: 'member', touched: new Set() });

let counter = 0;
const freshDb = () => new BuyerLensDb(`field-lww-${Date.now()}-${counter++}`);

const seen = (db: BuyerLensDb, hlc: string, displayName: string) =>
  MUTATORS['sightings.record'](db, ctx(hlc), { shop: SHOP, orders: [], buyers: [buyer('ana', displayName)] });

const imported = (db: BuyerLensDb, hlc: string, c: Partial<MutationArgs<'import.records'>['customers'][number]>, key = 'nick:ana', otherKeys: string[] = []) =>
  MUTATORS['import.records'](db, ctx(hlc), {
    shop: SHOP,
    importId: `i-${hlc}`,
    orders: [],
    customers: [{ buyer: { key, otherKeys, displayName: 'from the file' }, ...c }],
  });

describe('customer fields: last writer wins per field', () => {
  it('orders stamps by wall time, then counter, then client id', () => {
    expect(compareStamps(stamp(2, 'a'), stamp(1, 'z'))).toBe(1);
    expect(compareStamps(stamp(1, 'z', 1), stamp(1, 'a', 2))).toBe(-1);
    expect(compareStamps(stamp(1, 'b'), stamp(1, 'a'))).toBe(1);
    expect(compareStamps(stamp(1, 'a'), stamp(1, 'a'))).toBe(0);
    // A missing or unreadable stamp is older than any real one.
    expect(compareStamps('', stamp(0, 'a'))).toBe(-1);
    expect(compareStamps(stamp(0, 'a'), 'legacy')).toBe(1);
  });

  it('an older name arriving after a newer one does not win, in either order of arrival', async () => {
    const older = stamp(1, 'client-b');
    const newer = stamp(2, 'client-a');
    for (const order of [
      [older, newer],
      [newer, older],
    ]) {
      const db = freshDb();
      try {
        for (const hlc of order) await seen(db, hlc, hlc === newer ? 'Ana (new)' : 'Ana (old)');
        expect(await db.customers.get(ANA)).toMatchObject({ displayName: 'Ana (new)', fieldHlc: { displayName: newer } });
      } finally {
        await db.delete();
      }
    }
    // The late, older write changes nothing at all: no record written, nothing to sync.
    const db = freshDb();
    try {
      await seen(db, newer, 'Ana (new)');
      const before = await db.customers.get(ANA);
      expect(await seen(db, older, 'Ana (old)')).toBe(false);
      expect(await db.customers.get(ANA)).toEqual(before);
    } finally {
      await db.delete();
    }
  });

  it('two writes with the same time and counter: the higher client id wins whichever lands last', async () => {
    for (const last of ['a', 'b']) {
      const db = freshDb();
      try {
        const first = last === 'a' ? 'b' : 'a';
        await seen(db, stamp(5, first), `by ${first}`);
        await seen(db, stamp(5, last), `by ${last}`);
        expect((await db.customers.get(ANA))!.displayName).toBe('by b');
      } finally {
        await db.delete();
      }
    }
  });

  it('a page re-showing the name it already holds writes nothing: no outbox entry, no new stamp', async () => {
    const { service, db } = freshOwnerService();
    try {
      await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('ana', 'Ana')] });
      const before = await db.customers.get(ANA);
      const entries = await db.outbox.count();
      expect(before!.fieldHlc?.displayName).toBeDefined();
      await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('ana', 'Ana')] });
      await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('ana', 'Ana')] });
      expect(await db.outbox.count()).toBe(entries);
      expect(await db.customers.get(ANA)).toEqual(before);
      // A different name is a write again.
      await service['page.seen']({ shop: SHOP, orders: [], buyers: [buyer('ana', 'Ana Lee')] });
      expect(await db.outbox.count()).toBe(entries + 1);
    } finally {
      await db.delete();
    }
  });

  it('an import filling an empty email is beaten by a later real write, and does not overwrite a stamped one', async () => {
    const db = freshDb();
    try {
      // The file knows ana only by a key that carries an email: filled in, without a stamp.
      await imported(db, stamp(1, 'a'), {}, 'nick:ana', ['email:key@example.com']);
      let ana = await db.customers.get(ANA);
      expect(ana!.email).toBe('key@example.com');
      expect(ana!.fieldHlc?.email).toBeUndefined();

      // A real write of the email, even stamped before that import, wins over the fill-in.
      const real = stamp(0, 'b');
      await imported(db, real, { email: 'ana@example.com' });
      ana = await db.customers.get(ANA);
      expect(ana).toMatchObject({ email: 'ana@example.com', fieldHlc: { email: real } });

      // A later file whose keys carry another email fills nothing: the field is held, and stamped.
      expect(await imported(db, stamp(3, 'a'), {}, 'nick:ana', ['email:other@example.com'])).toBe(true); // the new key joins
      ana = await db.customers.get(ANA);
      expect(ana).toMatchObject({ email: 'ana@example.com', fieldHlc: { email: real } });
      expect(ana!.keys).toContain('email:other@example.com');

      // An older stated email arriving late loses; a newer one wins.
      await imported(db, stamp(-1, 'c'), { email: 'old@example.com' });
      expect((await db.customers.get(ANA))!.email).toBe('ana@example.com');
      await imported(db, stamp(4, 'c'), { email: 'new@example.com' });
      expect(await db.customers.get(ANA)).toMatchObject({ email: 'new@example.com', fieldHlc: { email: stamp(4, 'c') } });
    } finally {
      await db.delete();
    }
  });

  it('an import only fills in a name: a page name wins over it whichever arrives first', async () => {
    for (const importFirst of [true, false]) {
      const db = freshDb();
      try {
        const page = stamp(1, 'a');
        const file = stamp(2, 'b');
        if (importFirst) await imported(db, file, {});
        await seen(db, page, 'Ana from the page');
        if (!importFirst) await imported(db, file, {});
        expect(await db.customers.get(ANA)).toMatchObject({ displayName: 'Ana from the page', fieldHlc: { displayName: page } });
      } finally {
        await db.delete();
      }
    }
  });

  it("a merge's chosen values are stamped writes: a newer field write stays, a cleared field is not filled again", async () => {
    const db = freshDb();
    const BO = customerIdOf(SHOP_ID, 'nick:bo');
    try {
      await seen(db, stamp(1, 'a'), 'Ana');
      await MUTATORS['sightings.record'](db, ctx(stamp(1, 'a', 1)), { shop: SHOP, orders: [], buyers: [buyer('bo', 'Bo')] });
      await imported(db, stamp(2, 'a'), { email: 'ana@example.com', phone: '+86-1' });
      // A teammate renamed ana after the merge below was made, and it reached here first.
      await seen(db, stamp(4, 'b'), 'Ana (renamed)');
      const merge = stamp(3, 'c');
      await MUTATORS['customer.merge'](db, ctx(merge), {
        shopId: SHOP_ID,
        mergeId: 'm1',
        survivorId: ANA,
        mergedIds: [BO],
        fields: { displayName: 'Bo', email: '' },
      });
      const ana = await db.customers.get(ANA);
      expect(ana).toMatchObject({ displayName: 'Ana (renamed)', phone: '+86-1', fieldHlc: { displayName: stamp(4, 'b'), email: merge } });
      expect(ana!.email).toBeUndefined();
      // The email cleared on purpose is not filled in again from a key.
      await imported(db, stamp(5, 'a'), {}, 'nick:ana', ['email:key@example.com']);
      expect((await db.customers.get(ANA))!.email).toBeUndefined();
    } finally {
      await db.delete();
    }
  });
});
