import { isTagged, type Customer } from '../model/entities';
import { forgottenKeyIdOf } from '../model/ids';
import type { RpcReply } from '../rpc/protocol';
import { RpcError } from '../rpc/server';
import { extractNoteTags } from '../insights/note-tags';
import { forgetGroup } from './forget';
import type { OwnerContext } from './owner-context';
import { followMerges } from './resolve-customers';
import { mutation } from './write';

/** The most key hashes one forget records (the mutation's limit). */
const FORGET_HASHES_MAX = 60;

/** The live customer an id stands for in a shop (a merged id answers with its survivor). */
export async function liveCustomer(ctx: OwnerContext, shopId: string, customerId: string): Promise<Customer> {
  const asked = await ctx.db.customers.get(customerId);
  const customer = asked ? (await followMerges(ctx.db, [asked])).get(asked.id) : undefined;
  if (!customer || customer.shopId !== shopId || customer.deleted) {
    throw new RpcError('not-found', ctx.message('dataService.errors.customerNotFound'));
  }
  return customer;
}

/**
 * Forget a customer (and the records merged into them: the same person). The hashes of every key
 * they were known by go with the mutation, so the buyer stays out of later imports and pages.
 */
export async function forgetCustomerEverywhere(ctx: OwnerContext, shopId: string, customerId: string): Promise<RpcReply<'customer.forget'>> {
  const customer = await liveCustomer(ctx, shopId, customerId);
  const group = await forgetGroup(ctx.db, shopId, customer.id);
  const keys = [...new Set(group.flatMap((c) => c.keys))];
  const keyHashes = [...new Set(keys.map((k) => forgottenKeyIdOf(shopId, k)))].slice(0, FORGET_HASHES_MAX);
  const forgotten = await ctx.write(shopId, [mutation('customer.forget', { shopId, customerId: customer.id, keyHashes })]);
  await ctx.engine.recomputeAll(shopId);
  return { forgotten };
}

/** Everything held about one customer, as one JSON document (a data-subject access request). */
export async function exportCustomer(ctx: OwnerContext, shopId: string, customerId: string): Promise<RpcReply<'customer.export'>> {
  const { db } = ctx;
  const customer = await liveCustomer(ctx, shopId, customerId);
  const id = customer.id;
  const [orders, taggings, notes, actionStates, tags, shop] = await Promise.all([
    db.orders.where('customerId').equals(id).toArray(),
    db.taggings.where('customerId').equals(id).toArray(),
    db.notes.where('customerId').equals(id).toArray(),
    db.actionStates.where('customerId').equals(id).toArray(),
    db.tags.where('shopId').equals(shopId).toArray(),
    db.shops.get(shopId),
  ]);
  const tagName = new Map(tags.filter((t) => !t.deleted).map((t) => [t.id, t.name]));
  const tagNames = taggings.filter(isTagged).flatMap((t) => (tagName.has(t.tagId) ? [tagName.get(t.tagId)!] : []));
  const liveNotes = notes.filter((n) => !n.deleted);
  const birthday = customer.fields.birthday;
  const insight = await ctx.engine.insight(shopId, id, {
    tags: tagNames,
    noteTags: extractNoteTags(liveNotes.map((n) => n.text)),
    ...(birthday && /^\d{2}-\d{2}$/.test(birthday) ? { birthday } : {}),
  });
  const exportedAt = new Date(ctx.now());
  const doc = {
    format: 'buyerlens-customer',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    shop: shop ? { id: shop.id, platform: shop.platform, name: shop.name } : { id: shopId },
    customer,
    orders: orders.filter((o) => !o.deleted).sort((a, b) => (a.placedAt ?? '').localeCompare(b.placedAt ?? '')),
    tags: tagNames.sort((a, b) => a.localeCompare(b, 'zh-CN')),
    notes: liveNotes.sort((a, b) => a.createdAt - b.createdAt),
    actionStates: actionStates.filter((a) => !a.deleted),
    insight,
  };
  const name = safeFileName(customer.displayName) || safeFileName(customer.keys[0]!.replace(/^[a-zA-Z]+:/, '')) || ctx.message('dataService.export.unnamed');
  return { fileName: `buyerlens-customer-${name}-${exportedAt.toISOString().slice(0, 10)}.json`, json: JSON.stringify(doc, null, 2) };
}

/** Letters (any script) and digits kept, everything else one dash: safe on every file system. */
export function safeFileName(text: string): string {
  return text.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
}
