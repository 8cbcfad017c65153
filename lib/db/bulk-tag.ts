import { isTagged } from '../model/entities';
import { randomId, taggingIdOf } from '../model/ids';
import type { BuyerLensDb } from './database';
import { mutation, type Mutation } from './write';

/** A tagging mutation holds at most this many customers (its schema's limit). */
export const BULK_CHUNK = 10_000;

/**
 * The mutations that add a tag to, or remove it from, every one of these customers, with the
 * add-wins rules of the core tagging handlers: an add gives a fresh add id only to customers not
 * already tagged (re-adding must not pile up adds); a remove retires exactly the add ids it saw.
 * Nothing is written here: the caller passes every chunk to one ctx.write, one transaction.
 */
export async function bulkTagMutations(
  db: BuyerLensDb,
  shopId: string,
  tagId: string,
  customerIds: readonly string[],
  action: 'add' | 'remove',
): Promise<{ mutations: Mutation[]; changed: number }> {
  const current = await db.taggings.bulkGet(customerIds.map((c) => taggingIdOf(c, tagId)));
  const mutations: Mutation[] = [];
  let changed = 0;
  if (action === 'add') {
    const adds = customerIds.flatMap((customerId, i) => {
      const t = current[i];
      return t && isTagged(t) ? [] : [{ customerId, addId: randomId('a') }];
    });
    for (let i = 0; i < adds.length; i += BULK_CHUNK) {
      mutations.push(mutation('tagging.add', { shopId, tagId, adds: adds.slice(i, i + BULK_CHUNK) }));
    }
    changed = adds.length;
  } else {
    const removes = current.flatMap((t) => (t && isTagged(t) ? [{ customerId: t.customerId, addIds: t.addIds }] : []));
    for (let i = 0; i < removes.length; i += BULK_CHUNK) {
      mutations.push(mutation('tagging.remove', { shopId, tagId, removes: removes.slice(i, i + BULK_CHUNK) }));
    }
    changed = removes.length;
  }
  return { mutations, changed };
}
