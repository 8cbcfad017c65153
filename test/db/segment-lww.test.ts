import { describe, expect, it } from 'vitest';
import { BuyerLensDb } from '@/lib/db/database';
import { MUTATORS, segmentAfterDelete, segmentAfterPut, type WriteContext } from '@/lib/db/mutators';
import { SEGMENT_HISTORY_MAX, type Segment, type SegmentVersion, type TagColor } from '@/lib/model/entities';
import { formatHlc } from '@/lib/sync/hlc';
import { SHOP_ID } from './helpers';
import { NOW, ownerService } from './lists-helpers';

/**
 * Saved segments are last-writer-wins on the whole record by HLC stamp, the losers kept in
 * history (DESIGN.md "Sync"). The replica (or server) that applies a set of writes must end with
 * the same record whatever order they arrive in.
 */

const ID = 'sg:lapsed';
const stamp = (wall: number, node: string, counter = 0) => formatHlc({ wall, counter, node });

type Write = { kind: 'put'; v: SegmentVersion } | { kind: 'delete'; hlc: string; by: string };
const put = (query: string, hlc: string, updatedBy: string, name = 'Lapsed', color: TagColor = 'red'): Write => ({
  kind: 'put',
  v: { name, query, color, hlc, updatedBy },
});
const del = (hlc: string, by: string): Write => ({ kind: 'delete', hlc, by });

/** Apply writes in this order the way the mutators do (an unchanged write leaves the record as it was). */
function replay(writes: readonly Write[]): Segment | undefined {
  let s: Segment | undefined;
  for (const w of writes) {
    const next = w.kind === 'put' ? segmentAfterPut(s, w.v, ID, SHOP_ID) : s && segmentAfterDelete(s, w.hlc, w.by);
    if (next) s = next;
  }
  return s;
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('segment.put: whole-record last-writer-wins with the loser kept', () => {
  const created = put('amount_spent > 100', stamp(1000, 'clA'), 'ana');
  const editA = put('amount_spent > 500', stamp(2000, 'clA'), 'ana');
  const editB = put('amount_spent > 900', stamp(2000, 'clB'), 'bo', 'Lapsed big', 'amber');

  it('two concurrent edits end identical in both arrival orders, the loser in history', () => {
    const ab = replay([created, editA, editB]);
    const ba = replay([created, editB, editA]);
    expect(ba).toEqual(ab);
    // Same wall time and counter: the node (clientId) decides, clB > clA.
    expect(ab).toMatchObject({ query: 'amount_spent > 900', name: 'Lapsed big', color: 'amber', updatedBy: 'bo', hlc: stamp(2000, 'clB'), deleted: false });
    expect(ab!.history!.map((v) => v.query)).toEqual(['amount_spent > 100', 'amount_spent > 500']);
    expect(ab!.history![1]).toEqual(editA.kind === 'put' && editA.v);
  });

  it('orders stamps as parsed: wall, then counter, then node', () => {
    const early = put('number_of_orders > 1', stamp(2000, 'zz', 1), 'bo');
    const late = put('number_of_orders > 2', stamp(2000, 'aa', 2), 'ana');
    expect(replay([created, late, early])!.query).toBe('number_of_orders > 2');
    expect(replay([created, early, late])!.query).toBe('number_of_orders > 2');
  });

  it('a write seen again changes nothing', () => {
    const once = replay([created, editA, editB])!;
    expect(segmentAfterPut(once, (editA as { v: SegmentVersion }).v, ID, SHOP_ID)).toBeUndefined();
    expect(segmentAfterPut(once, (editB as { v: SegmentVersion }).v, ID, SHOP_ID)).toBeUndefined();
  });

  it('any arrival order of edits, deletes and a revival ends in one record', () => {
    const writes = [
      created,
      editA,
      editB,
      del(stamp(3000, 'clA'), 'ana'),
      put('amount_spent > 1', stamp(2500, 'clC'), 'cy'),
      put('amount_spent > 2', stamp(4000, 'clC'), 'cy'),
      del(stamp(3500, 'clB'), 'bo'),
    ];
    // The creating put reaches everyone first (every other write was made on top of it).
    const results = permutations(writes.slice(1)).map((p) => replay([created, ...p]));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toMatchObject({ deleted: false, query: 'amount_spent > 2', hlc: stamp(4000, 'clC') });
    expect(results[0]!.history!.map((v) => v.query)).toEqual(['amount_spent > 100', 'amount_spent > 500', 'amount_spent > 900', 'amount_spent > 1']);
  });

  it('a delete is a newer write that keeps the history; a later put revives, an older one stays in history', () => {
    const gone = replay([created, editA, del(stamp(3000, 'clB'), 'bo')])!;
    expect(gone).toMatchObject({ deleted: true, hlc: stamp(3000, 'clB'), updatedBy: 'bo', query: 'amount_spent > 500' });
    expect(gone.history!.map((v) => v.query)).toEqual(['amount_spent > 100', 'amount_spent > 500']);
    // An edit made before the delete (reaching this replica after it) does not bring it back.
    const late = segmentAfterPut(gone, { name: 'Lapsed', query: 'amount_spent > 700', color: 'red', hlc: stamp(2500, 'clC'), updatedBy: 'cy' }, ID, SHOP_ID)!;
    expect(late).toMatchObject({ deleted: true, hlc: stamp(3000, 'clB'), query: 'amount_spent > 700' });
    expect(late.history!.map((v) => v.query)).toEqual(['amount_spent > 100', 'amount_spent > 500', 'amount_spent > 700']);
    // A delete older than the newest put changes nothing.
    expect(segmentAfterDelete(replay([created, editA])!, stamp(1500, 'clB'), 'bo')).toBeUndefined();
    // A put newer than the delete revives the segment.
    const back = segmentAfterPut(late, { name: 'Back', query: 'amount_spent > 5', color: 'blue', hlc: stamp(4000, 'clA'), updatedBy: 'ana' }, ID, SHOP_ID)!;
    expect(back).toMatchObject({ deleted: false, name: 'Back', hlc: stamp(4000, 'clA') });
    expect(back.history).toEqual(late.history);
  });

  it(`keeps at most ${SEGMENT_HISTORY_MAX} earlier versions, the newest, whatever the order`, () => {
    const writes = Array.from({ length: 15 }, (_, i) => put(`amount_spent > ${i}`, stamp(1000 + i, i % 2 ? 'clA' : 'clB'), 'ana'));
    const inOrder = replay(writes)!;
    expect(inOrder.query).toBe('amount_spent > 14');
    expect(inOrder.history!.map((v) => v.query)).toEqual(Array.from({ length: 10 }, (_, i) => `amount_spent > ${i + 4}`));
    const shuffled = [writes[0]!, ...writes.slice(1).reverse()];
    expect(replay(shuffled)).toEqual(inOrder);
    // One older than every version kept falls off at once: no change.
    expect(segmentAfterPut(inOrder, { name: 'x', query: 'x', color: 'red', hlc: stamp(1001, 'clA', 0), updatedBy: 'bo' }, ID, SHOP_ID)).toBeUndefined();
  });

  it('a concurrent edit to the same definition keeps its newer stamp, so a later-arriving older edit still loses', () => {
    // A and C both set q1 (from q0); B's q2 was written between them. The newest write is C's q1.
    const a = put('q > 1', stamp(2000, 'clA'), 'ana');
    const b = put('q > 2', stamp(2500, 'clB'), 'bo');
    const c = put('q > 1', stamp(3000, 'clC'), 'cy');
    const results = permutations([a, b, c]).map((p) => replay([created, ...p]));
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]).toMatchObject({ query: 'q > 1', hlc: stamp(3000, 'clC') });
  });

  it('the mutators write the record through the database', async () => {
    const db = new BuyerLensDb(`segment-lww-${Date.now()}`);
    const ctx = (hlc: string, actor: string): WriteContext => ({ now: NOW, hlc, actor, touched: new Set() });
    const args = (query: string) => ({ shopId: SHOP_ID, segmentId: ID, name: 'Lapsed', query, color: 'red' as const });
    try {
      expect(await MUTATORS['segment.put'](db, ctx(stamp(1000, 'clA'), 'ana'), args('a > 1'))).toBe(true);
      expect(await MUTATORS['segment.put'](db, ctx(stamp(3000, 'clB'), 'bo'), args('a > 3'))).toBe(true);
      expect(await MUTATORS['segment.put'](db, ctx(stamp(2000, 'clA'), 'ana'), args('a > 2'))).toBe(true);
      expect(await MUTATORS['segment.put'](db, ctx(stamp(2000, 'clA'), 'ana'), args('a > 2'))).toBe(false);
      const s = await db.segments.get(ID);
      expect(s).toMatchObject({ query: 'a > 3', updatedBy: 'bo' });
      expect(s!.history!.map((v) => [v.query, v.updatedBy])).toEqual([['a > 1', 'ana'], ['a > 2', 'ana']]);
      expect(await MUTATORS['segment.delete'](db, ctx(stamp(2500, 'clA'), 'ana'), { shopId: SHOP_ID, segmentId: ID })).toBe(false);
      expect(await MUTATORS['segment.delete'](db, ctx(stamp(4000, 'clA'), 'ana'), { shopId: SHOP_ID, segmentId: ID })).toBe(true);
      expect(await db.segments.get(ID)).toMatchObject({ deleted: true, query: 'a > 3' });
    } finally {
      await db.delete();
    }
  });
});

describe('segments.save with history', () => {
  it('saving the definition a segment already has writes nothing, not even an outbox entry', async () => {
    const { service, db } = ownerService({ now: () => NOW });
    const { segmentId } = await service['segments.save']({ shopId: SHOP_ID, name: 'VIP', query: 'amount_spent > 1000', color: 'amber' }, {});
    const before = await db.segments.get(segmentId);
    await service['segments.save']({ shopId: SHOP_ID, segmentId, name: ' VIP ', query: 'amount_spent > 1000', color: 'amber' }, {});
    expect(await db.segments.get(segmentId)).toEqual(before);
    expect(await db.outbox.count()).toBe(1);
  });

  it('lists earlier versions, each definition once and not the current one, and one can be put back', async () => {
    let clock = NOW;
    const { service, db } = ownerService({ now: () => (clock += 1000) });
    const { segmentId } = await service['segments.save']({ shopId: SHOP_ID, name: 'VIP', query: 'amount_spent > 1000', color: 'amber' }, {});
    await service['segments.save']({ shopId: SHOP_ID, segmentId, name: 'VIP', query: 'amount_spent > 2000', color: 'amber' }, {});
    await service['segments.save']({ shopId: SHOP_ID, segmentId, name: 'Big', query: 'amount_spent > 2000', color: 'red' }, {});
    let [view] = await service['segments.list']({ shopId: SHOP_ID }, {});
    const clientId = (await db.meta.get('clientId'))!.value;
    expect(typeof clientId).toBe('string');
    expect(view!.history).toEqual([
      { name: 'VIP', query: 'amount_spent > 1000', color: 'amber', at: NOW + 1000, mine: true },
      { name: 'VIP', query: 'amount_spent > 2000', color: 'amber', at: NOW + 2000, mine: true },
    ]);
    // "Use this version": the first definition becomes the newest write; it is not listed twice.
    const first = view!.history![0]!;
    await service['segments.save']({ shopId: SHOP_ID, segmentId, name: first.name, query: first.query, color: first.color }, {});
    [view] = await service['segments.list']({ shopId: SHOP_ID }, {});
    expect(view).toMatchObject({ name: 'VIP', query: 'amount_spent > 1000' });
    expect(view!.history!.map((v) => [v.name, v.query])).toEqual([
      ['VIP', 'amount_spent > 2000'],
      ['Big', 'amount_spent > 2000'],
    ]);
    expect((await db.segments.get(segmentId))!.history).toHaveLength(3);
  });
});
