import * as z from 'zod/mini';
import { NOTE_TEXT_MAX, SEGMENT_NAME_MAX, SEGMENT_QUERY_MAX, TagColor, TagName } from './entities';
import { SiteRecipe } from './recipe';
import { BuyerSighting, ImportedCustomer, OrderSighting, ShopRef } from './sighting';

/**
 * Mutations are what the outbox holds and what sync pushes: the same named, validated
 * operation is applied locally now and by the server later (Replicache style).
 */

const Id = z.string().check(z.minLength(1), z.maxLength(100));
const ShopId = z.string().check(z.minLength(3), z.maxLength(240));

export const MUTATION_SCHEMAS = {
  /** Orders and buyers read off a page (or a future import): facts from the platform. */
  'sightings.record': z.object({
    shop: ShopRef,
    orders: z.array(OrderSighting).check(z.maxLength(10_000)),
    buyers: z.array(BuyerSighting).check(z.maxLength(10_000)),
  }),
  'tag.put': z.object({
    shopId: ShopId,
    tagId: Id,
    name: TagName,
    color: TagColor,
    description: z._default(z.string().check(z.maxLength(500)), ''),
  }),
  'tag.delete': z.object({ shopId: ShopId, tagId: Id }),
  'tagging.add': z.object({
    shopId: ShopId,
    tagId: Id,
    /** Each customer with the add id that names this particular add. */
    adds: z.array(z.object({ customerId: Id, addId: Id })).check(z.minLength(1), z.maxLength(10_000)),
  }),
  'tagging.remove': z.object({
    shopId: ShopId,
    tagId: Id,
    /** Each customer with the add ids this client had seen: only those are retired. */
    removes: z
      .array(z.object({ customerId: Id, addIds: z.array(Id).check(z.maxLength(1000)) }))
      .check(z.minLength(1), z.maxLength(10_000)),
  }),
  'note.put': z.object({
    shopId: ShopId,
    noteId: Id,
    customerId: Id,
    text: z.string().check(z.maxLength(NOTE_TEXT_MAX)),
    /** 0 for a new note; otherwise the revision the author was looking at. */
    baseRev: z.number().check(z.int(), z.minimum(0)),
    authorName: z.string().check(z.maxLength(100)),
  }),
  'note.delete': z.object({ shopId: ShopId, noteId: Id }),
  /** A suggested action marked done or dismissed for one buyer. */
  'action.set': z.object({
    shopId: ShopId,
    customerId: Id,
    ruleId: Id,
    state: z.enum(['done', 'dismissed']),
    factsKey: z.string().check(z.maxLength(500)),
  }),
  /** A taught site recipe, added or replaced whole. */
  'recipe.put': z.object({ recipe: SiteRecipe }),
  'recipe.delete': z.object({ id: Id }),
  /** A shop-wide setting (validated by its own schema before it gets here). */
  'setting.put': z.object({ shopId: ShopId, key: z.string().check(z.minLength(1), z.maxLength(60)), value: z.unknown() }),

  /**
   * One batch of an imported file (the whole file is several of these, committed in one
   * transaction). Buyers resolve to existing customers through any of their keys; orders
   * deduplicate by platform order id; forgotten buyers are left out; a tag or note from a
   * customers export is added only where that customer never had it.
   */
  'import.records': z.object({
    shop: ShopRef,
    importId: Id,
    orders: z.array(OrderSighting).check(z.maxLength(5000)),
    customers: z.array(ImportedCustomer).check(z.maxLength(5000)),
  }),
  /**
   * Customers merged into one survivor: keys, orders, taggings, notes and action states move;
   * the merged records keep `mergedInto` so their ids redirect. `fields` are the values chosen
   * per field (absent = keep the survivor's).
   */
  'customer.merge': z.object({
    shopId: ShopId,
    mergeId: Id,
    survivorId: Id,
    mergedIds: z.array(Id).check(z.minLength(1), z.maxLength(50)),
    fields: z.object({
      displayName: z.optional(z.string().check(z.maxLength(200))),
      email: z.optional(z.string().check(z.maxLength(200))),
      phone: z.optional(z.string().check(z.maxLength(50))),
    }),
  }),
  /**
   * Forget a customer: every record about them is erased (tombstones keep no personal data) and
   * the hashes of their keys are kept so imports and pages leave them out.
   */
  'customer.forget': z.object({
    shopId: ShopId,
    customerId: Id,
    keyHashes: z.array(Id).check(z.maxLength(60)),
  }),
  /** A hand action on a forgotten buyer (tag, note) re-admits them: their key hashes are dropped. */
  'customer.readmit': z.object({ shopId: ShopId, keyHashes: z.array(Id).check(z.minLength(1), z.maxLength(60)) }),
  'segment.put': z.object({
    shopId: ShopId,
    segmentId: Id,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(SEGMENT_NAME_MAX)),
    query: z.string().check(z.maxLength(SEGMENT_QUERY_MAX)),
    color: TagColor,
  }),
  'segment.delete': z.object({ shopId: ShopId, segmentId: Id }),
  /**
   * An outbox entry taken back before it was sent (an undone merge). It keeps its mid, so the
   * mids a client pushes have no hole (the server stops at a gap), and it changes nothing anywhere.
   */
  'outbox.retracted': z.object({ name: z.string().check(z.maxLength(60)) }),
} as const;

export type MutationName = keyof typeof MUTATION_SCHEMAS;
export type MutationArgs<N extends MutationName> = z.output<(typeof MUTATION_SCHEMAS)[N]>;

export const MUTATION_NAMES = Object.keys(MUTATION_SCHEMAS) as MutationName[];

export const OutboxEntry = z.object({
  /** Increasing per client; assigned by IndexedDB's auto-increment. */
  mid: z.optional(z.number().check(z.int(), z.minimum(1))),
  clientId: z.string(),
  name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]]),
  args: z.unknown(),
  hlc: z.string(),
  createdAt: z.number(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;
