import * as z from 'zod/mini';
import { TAG_COLORS, TagColor, TagName, NOTE_TEXT_MAX } from '../model/entities';
import { BuyerSighting, OrderSighting, ShopRef } from '../model/sighting';
import { ActionRules } from '../model/action-rules';
import { RecipeExport, SiteRecipe } from '../model/recipe';
import { ProfileView, ShopView, TagView } from '../model/views';
import { SyncStatus } from '../model/sync';
import type { OWNER_PROTOCOL } from './protocol-owner';
import type { TEAM_PROTOCOL } from './protocol-team';

/**
 * Every message any context may send the background: its request schema and its reply schema.
 * The background validates requests; callers validate replies. Nothing else is accepted.
 *
 * The core messages (pages, popup, content scripts) are here; the owner's (options page) are in
 * protocol-owner.ts. Only types join them in this module: at run time a content script carries
 * the core schemas alone, and the background and options page join both (protocol-all.ts).
 */

const ShopId = z.string().check(z.minLength(3), z.maxLength(240));
const Id = z.string().check(z.minLength(1), z.maxLength(100));
const CustomerIds = z.array(Id).check(z.maxLength(10_000));
const Count = z.number().check(z.int());

export const CORE_PROTOCOL = {
  /** A page shows these orders and buyers: record them, answer with what we know. */
  'page.seen': {
    request: z.object({
      shop: ShopRef,
      orders: z.array(OrderSighting).check(z.maxLength(10_000)),
      buyers: z._default(z.array(BuyerSighting).check(z.maxLength(10_000)), []),
    }),
    reply: ShopView,
  },
  /** Tags of a shop and the tags of these customers. */
  'shop.view': {
    request: z.object({ shopId: ShopId, customerIds: CustomerIds }),
    reply: ShopView,
  },
  'tag.create': {
    request: z.object({ shopId: ShopId, name: TagName, color: z.optional(TagColor) }),
    reply: TagView,
  },
  'tag.update': {
    request: z.object({ shopId: ShopId, tagId: Id, name: z.optional(TagName), color: z.optional(TagColor) }),
    reply: TagView,
  },
  'tag.delete': {
    request: z.object({ shopId: ShopId, tagId: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },
  /** Tag one or many buyers; buyers not yet known are recorded in the same write. */
  'tagging.add': {
    request: z.object({ shop: ShopRef, tagId: Id, buyers: z.array(BuyerSighting).check(z.minLength(1), z.maxLength(10_000)) }),
    reply: z.object({ changed: Count }),
  },
  'tagging.remove': {
    request: z.object({ shopId: ShopId, tagId: Id, customerIds: CustomerIds.check(z.minLength(1)) }),
    reply: z.object({ changed: Count }),
  },
  /** Every shop this browser has seen, with its tags and how many buyers carry each. */
  'shops.list': {
    request: z.object({}),
    reply: z.array(
      z.object({
        shopId: z.string(),
        name: z.string(),
        platform: z.string(),
        customers: Count,
        tags: z.array(z.extend(TagView, { uses: Count })),
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
      noteId: z.optional(Id),
      /** The revision the author edited; 0 for a new note. */
      baseRev: z._default(z.number().check(z.int(), z.minimum(0)), 0),
      text: z.string().check(
        z.maxLength(NOTE_TEXT_MAX, { error: 'note.errors.tooLong' }),
        z.refine((s) => s.trim().length > 0, { error: 'note.errors.empty' }),
      ),
    }),
    reply: z.object({ noteId: Id }),
  },
  'note.delete': {
    request: z.object({ shopId: ShopId, noteId: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },
  /** A suggested action done or dismissed for a buyer, remembered until its facts change. */
  'action.mark': {
    request: z.object({
      shopId: ShopId,
      customerId: Id,
      ruleId: Id,
      state: z.enum(['done', 'dismissed']),
      factsKey: z.string().check(z.maxLength(500)),
    }),
    reply: z.object({ changed: z.boolean() }),
  },
  /** Taught site recipes (every site, this browser and the team). */
  'recipes.list': {
    request: z.object({}),
    reply: z.array(SiteRecipe),
  },
  'recipes.save': {
    request: z.object({ recipe: SiteRecipe }),
    reply: z.object({ saved: z.boolean() }),
  },
  'recipes.delete': {
    request: z.object({ id: Id }),
    reply: z.object({ deleted: z.boolean() }),
  },
  /** Recipes from an exported file: all of them or, when any is invalid, none. */
  'recipes.import': {
    request: z.object({ file: RecipeExport }),
    reply: z.object({ imported: Count }),
  },
  /** Buyers of a shop whose name or platform key contains the text, for picking one by hand. */
  'customers.search': {
    request: z.object({ shopId: ShopId, query: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)) }),
    reply: z.array(z.object({ customerId: z.string(), displayName: z.string(), key: z.string() })),
  },
  /** The shop's action rules (the defaults until the owner saves their own). */
  'rules.get': {
    request: z.object({ shopId: ShopId }),
    reply: z.object({ rules: ActionRules, isDefault: z.boolean() }),
  },
  'rules.save': {
    request: z.object({ shopId: ShopId, rules: ActionRules }),
    reply: z.object({ saved: z.boolean() }),
  },
  /** How many of the shop's buyers each rule fires for, before saving. */
  'rules.preview': {
    request: z.object({ shopId: ShopId, rules: ActionRules }),
    reply: z.object({ customers: Count, matches: z.record(z.string(), Count) }),
  },
  /** Where team sync stands (popup, options). */
  'sync.status': {
    request: z.object({}),
    reply: SyncStatus,
  },
  /** Sync now (a person asked: retries at once, whatever the backoff says). */
  'sync.now': {
    request: z.object({}),
    reply: SyncStatus,
  },
  /** A BuyerLens view is open and visible: keep pulling every few seconds for a while. */
  'sync.live': {
    request: z.object({}),
    reply: z.object({}),
  },
} as const;

/** The whole protocol's shape (the value lives in protocol-all.ts). */
export type Protocol = typeof CORE_PROTOCOL & typeof OWNER_PROTOCOL & typeof TEAM_PROTOCOL;
export type RpcName = keyof Protocol;
export type CoreRpcName = keyof typeof CORE_PROTOCOL;
export type TeamRpcName = keyof typeof TEAM_PROTOCOL;
export type RpcRequest<N extends RpcName> = z.output<Protocol[N]['request']>;
/** What a caller passes: defaults may be left out. */
export type RpcInput<N extends RpcName> = z.input<Protocol[N]['request']>;
export type RpcReply<N extends RpcName> = z.output<Protocol[N]['reply']>;

/** The envelope on the wire. */
export const RpcMessage = z.object({
  rpc: z.string().check(z.maxLength(50)),
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
