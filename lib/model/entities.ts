import * as z from 'zod/mini';
import { LineItem, Money } from './sighting';

/** Fields every synced record carries (see DESIGN.md, Data model). */
const synced = {
  id: z.string().check(z.minLength(1), z.maxLength(100)),
  shopId: z.string().check(z.minLength(3), z.maxLength(240)),
  /** Hybrid logical clock of the last change. */
  hlc: z.string().check(z.minLength(1), z.maxLength(80)),
  /** Member (or, before sync, this browser's client) that made the last change. */
  updatedBy: z.string().check(z.minLength(1), z.maxLength(100)),
  deleted: z.boolean(),
};

export const TAG_NAME_MAX = 40;
export const NOTE_TEXT_MAX = 10_000;

export const TagColor = z.enum([
  'slate',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'indigo',
  'purple',
  'pink',
]);
export type TagColor = z.infer<typeof TagColor>;
export const TAG_COLORS = TagColor.options;

/** Trimmed, inner spaces collapsed, 1–40 characters. Errors are i18n keys the UI translates. */
export const TagName = z.string().check(
  z.overwrite((s) => s.trim().replace(/\s+/g, ' ')),
  z.minLength(1, { error: 'tag.errors.empty' }),
  z.maxLength(TAG_NAME_MAX, { error: 'tag.errors.tooLong' }),
  z.refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'tag.errors.control' }),
);

export const Shop = z.object({
  id: z.string().check(z.minLength(3), z.maxLength(240)),
  platform: z.string(),
  key: z.string(),
  name: z.string(),
  firstSeenAt: z.number(),
});
export type Shop = z.infer<typeof Shop>;

export const Customer = z.object({
  ...synced,
  /** Platform identities that resolve to this customer; the first is the primary one. */
  keys: z.array(z.string()).check(z.minLength(1), z.maxLength(50)),
  displayName: z.string().check(z.maxLength(200)),
  email: z.optional(z.string().check(z.maxLength(200))),
  phone: z.optional(z.string().check(z.maxLength(50))),
  fields: z.record(z.string(), z.string().check(z.maxLength(2000))),
  mergedInto: z.optional(z.string()),
  firstSeenAt: z.number(),
  /**
   * The HLC stamp of each field's last write (displayName, email, phone, ...): customer fields are
   * last-writer-wins per field by (hlc, clientId), see DESIGN.md "Sync" and lib/db/mutators.ts
   * fieldWriteWins. A field without a stamp was only filled in (an import, a record from before
   * stamps): any write wins over it. A stamp on an empty field means someone cleared it.
   */
  fieldHlc: z.optional(z.record(z.string(), z.string())),
});
export type Customer = z.infer<typeof Customer>;

export const OrderRecord = z.object({
  ...synced,
  orderId: z.string(),
  customerId: z.string(),
  placedAt: z.optional(z.string()),
  total: z.optional(Money),
  status: z.optional(z.string()),
  items: z.optional(z.array(LineItem)),
  source: z.enum(['page', 'import']),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
  /** Earlier facts of this order, newest last: a re-sighting with other figures wins, the old ones stay here. */
  history: z.optional(
    z.array(
      z.object({
        at: z.number(),
        placedAt: z.optional(z.string()),
        total: z.optional(Money),
        status: z.optional(z.string()),
      }),
    ),
  ),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const Tag = z.object({
  ...synced,
  name: z.string(),
  /** Case-folded name: the per-shop uniqueness key. */
  nameKey: z.string(),
  color: TagColor,
  description: z.string().check(z.maxLength(500)),
});
export type Tag = z.infer<typeof Tag>;

/**
 * One customer × tag. Add-wins: each add carries a unique add id; a remove retires only the
 * add ids it had seen. The tag is on the customer while any add id is live.
 */
export const Tagging = z.object({
  ...synced,
  customerId: z.string(),
  tagId: z.string(),
  addIds: z.array(z.string()),
});
export type Tagging = z.infer<typeof Tagging>;

export const Note = z.object({
  ...synced,
  customerId: z.string(),
  text: z.string().check(z.maxLength(NOTE_TEXT_MAX)),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.number(),
  editedAt: z.optional(z.number()),
  /** Increases with every edit; an edit states the revision it was based on. */
  rev: z.number().check(z.int(), z.minimum(1)),
  /** Set on a note kept because two edits crossed: the id of the note it conflicts with. */
  conflictOf: z.optional(z.string()),
});
export type Note = z.infer<typeof Note>;

/** A suggested action a member marked done or dismissed for a buyer; it returns when its facts change. */
export const ActionState = z.object({
  ...synced,
  customerId: z.string(),
  ruleId: z.string(),
  state: z.enum(['done', 'dismissed']),
  /** The facts the suggestion stood on when it was marked (see lib/insights/actions factsKey). */
  factsKey: z.string(),
  at: z.number(),
});
export type ActionState = z.infer<typeof ActionState>;

/** A shop-wide setting shared by the team (e.g. the action rules), one record per key. */
export const ShopSetting = z.object({
  ...synced,
  key: z.string(),
  value: z.unknown(),
});
export type ShopSetting = z.infer<typeof ShopSetting>;

/** A tagging is live when any add id survives and the record is not deleted. */
export function isTagged(t: Pick<Tagging, 'addIds' | 'deleted'>): boolean {
  return !t.deleted && t.addIds.length > 0;
}

export const SEGMENT_NAME_MAX = 60;
export const SEGMENT_QUERY_MAX = 2000;

/** How many earlier versions a segment keeps (newest last). */
export const SEGMENT_HISTORY_MAX = 10;

/** One written definition of a segment: what it said, when (the write's HLC stamp) and by whom. */
export const SegmentVersion = z.object({
  name: z.string().check(z.maxLength(SEGMENT_NAME_MAX)),
  query: z.string().check(z.maxLength(SEGMENT_QUERY_MAX)),
  color: TagColor,
  hlc: z.string().check(z.minLength(1), z.maxLength(80)),
  updatedBy: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type SegmentVersion = z.infer<typeof SegmentVersion>;

/**
 * A saved segment: a named query over the shop's customers (see lib/segments), shared by the team.
 * Last-writer-wins on the whole record by HLC stamp; the versions that lost (replaced, or a
 * concurrent edit that arrived late) are kept in `history`, oldest first, at most
 * SEGMENT_HISTORY_MAX (see lib/db/mutators.ts segment.put). A deleted segment's history also holds
 * the definition it had when deleted.
 */
export const Segment = z.object({
  ...synced,
  name: z.string().check(z.maxLength(SEGMENT_NAME_MAX)),
  query: z.string().check(z.maxLength(SEGMENT_QUERY_MAX)),
  color: TagColor,
  history: z.optional(z.array(SegmentVersion)),
});
export type Segment = z.infer<typeof Segment>;

/**
 * A buyer the shop was asked to forget. Only a hash of each platform key is kept (salted with the
 * shop), so later imports and page sightings can leave the buyer out without keeping who it was.
 * Synced, so every member's copy forgets too.
 */
export const ForgottenKey = z.object({
  ...synced,
  /** hash64(shopId + '\n' + platform key): see lib/model/ids forgottenKeyIdOf. */
  at: z.number(),
});
export type ForgottenKey = z.infer<typeof ForgottenKey>;
