import { z } from 'zod';
import { LineItem, Money } from './sighting';

/** Fields every synced record carries (see DESIGN.md, Data model). */
const synced = {
  id: z.string().min(1).max(100),
  shopId: z.string().min(3).max(240),
  /** Hybrid logical clock of the last change. */
  hlc: z.string().min(1).max(80),
  /** Member (or, before sync, this browser's client) that made the last change. */
  updatedBy: z.string().min(1).max(100),
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

export const TagName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, { error: 'tag.errors.empty' })
      .max(TAG_NAME_MAX, { error: 'tag.errors.tooLong' })
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: 'tag.errors.control' }),
  );

export const Shop = z.object({
  id: z.string().min(3).max(240),
  platform: z.string(),
  key: z.string(),
  name: z.string(),
  firstSeenAt: z.number(),
});
export type Shop = z.infer<typeof Shop>;

export const Customer = z.object({
  ...synced,
  /** Platform identities that resolve to this customer; the first is the primary one. */
  keys: z.array(z.string()).min(1).max(50),
  displayName: z.string().max(200),
  email: z.string().max(200).optional(),
  phone: z.string().max(50).optional(),
  fields: z.record(z.string(), z.string().max(2000)),
  mergedInto: z.string().optional(),
  firstSeenAt: z.number(),
});
export type Customer = z.infer<typeof Customer>;

export const OrderRecord = z.object({
  ...synced,
  orderId: z.string(),
  customerId: z.string(),
  placedAt: z.string().optional(),
  total: Money.optional(),
  status: z.string().optional(),
  items: z.array(LineItem).optional(),
  source: z.enum(['page', 'import']),
  firstSeenAt: z.number(),
  lastSeenAt: z.number(),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const Tag = z.object({
  ...synced,
  name: z.string(),
  /** Case-folded name: the per-shop uniqueness key. */
  nameKey: z.string(),
  color: TagColor,
  description: z.string().max(500),
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
  text: z.string().max(NOTE_TEXT_MAX),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.number(),
  editedAt: z.number().optional(),
  /** Increases with every edit; an edit states the revision it was based on. */
  rev: z.number().int().min(1),
  /** Set on a note kept because two edits crossed: the id of the note it conflicts with. */
  conflictOf: z.string().optional(),
});
export type Note = z.infer<typeof Note>;

/** A tagging is live when any add id survives and the record is not deleted. */
export function isTagged(t: Pick<Tagging, 'addIds' | 'deleted'>): boolean {
  return !t.deleted && t.addIds.length > 0;
}
