import { z } from 'zod';
import { TAG_COLORS, TagColor, TagName, NOTE_TEXT_MAX } from '../model/entities';
import { BuyerSighting, OrderSighting, ShopRef } from '../model/sighting';
import { ProfileView, ShopView, TagView } from '../model/views';

/**
 * Every message any context may send the background: its request schema and its reply schema.
 * The background validates requests; callers validate replies. Nothing else is accepted.
 */

const ShopId = z.string().min(3).max(240);
const Id = z.string().min(1).max(100);
const CustomerIds = z.array(Id).max(10_000);

export const PROTOCOL = {
  /** A page shows these orders and buyers: record them, answer with what we know. */
  'page.seen': {
    request: z.object({
      shop: ShopRef,
      orders: z.array(OrderSighting).max(10_000),
      buyers: z.array(BuyerSighting).max(10_000).default([]),
    }),
    reply: ShopView,
  },
  /** Tags of a shop and the tags of these customers. */
  'shop.view': {
    request: z.object({ shopId: ShopId, customerIds: CustomerIds }),
    reply: ShopView,
  },
  'tag.create': {
    request: z.object({ shopId: ShopId, name: TagName, color: TagColor.optional() }),
    reply: TagView,
  },
  'tag.update': {
    request: z.object({ shopId: ShopId, tagId: Id, name: TagName.optional(), color: TagColor.optional() }),
    reply: TagView,
  },
  'tag.delete': {
    request: z.object({ shopId: ShopId, tagId: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },
  /** Tag one or many buyers; buyers not yet known are recorded in the same write. */
  'tagging.add': {
    request: z.object({ shop: ShopRef, tagId: Id, buyers: z.array(BuyerSighting).min(1).max(10_000) }),
    reply: z.object({ changed: z.number().int() }),
  },
  'tagging.remove': {
    request: z.object({ shopId: ShopId, tagId: Id, customerIds: CustomerIds.min(1) }),
    reply: z.object({ changed: z.number().int() }),
  },
  /** Every shop this browser has seen, with its tags and how many buyers carry each. */
  'shops.list': {
    request: z.object({}),
    reply: z.array(
      z.object({
        shopId: z.string(),
        name: z.string(),
        platform: z.string(),
        customers: z.number().int(),
        tags: z.array(TagView.extend({ uses: z.number().int() })),
      }),
    ),
  },
  'profile.get': {
    request: z.object({ shopId: ShopId, customerId: Id }),
    reply: ProfileView,
  },
  'note.save': {
    request: z.object({
      shopId: ShopId,
      customerId: Id,
      /** Absent for a new note. */
      noteId: Id.optional(),
      /** The revision the author edited; 0 for a new note. */
      baseRev: z.number().int().min(0).default(0),
      text: z
        .string()
        .max(NOTE_TEXT_MAX, { error: 'note.errors.tooLong' })
        .refine((s) => s.trim().length > 0, { error: 'note.errors.empty' }),
    }),
    reply: z.object({ noteId: Id }),
  },
  'note.delete': {
    request: z.object({ shopId: ShopId, noteId: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },
} as const;

export type RpcName = keyof typeof PROTOCOL;
export type RpcRequest<N extends RpcName> = z.output<(typeof PROTOCOL)[N]['request']>;
/** What a caller passes: defaults may be left out. */
export type RpcInput<N extends RpcName> = z.input<(typeof PROTOCOL)[N]['request']>;
export type RpcReply<N extends RpcName> = z.output<(typeof PROTOCOL)[N]['reply']>;

export const RPC_NAMES = Object.keys(PROTOCOL) as RpcName[];

/** The envelope on the wire. */
export const RpcMessage = z.object({
  rpc: z.string().max(50),
  args: z.unknown(),
});

export type RpcErrorCode = 'invalid' | 'unknown-rpc' | 'forbidden' | 'not-found' | 'conflict' | 'internal';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: RpcErrorCode; message: string } };

export const RpcResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);

export { TAG_COLORS };
