import * as z from 'zod/mini';
import { TagColor } from './entities';
import { LineItem, Money } from './sighting';

/** What the background sends back to pages: plain data, validated on arrival too. */

export const TagView = z.object({
  id: z.string(),
  name: z.string(),
  color: TagColor,
  description: z.string(),
});
export type TagView = z.infer<typeof TagView>;

/** The tags of a shop and, for the customers a page shows, which tags each carries. */
export const ShopView = z.object({
  shopId: z.string(),
  tags: z.array(TagView),
  tagsByCustomer: z.record(z.string(), z.array(z.string())),
});
export type ShopView = z.infer<typeof ShopView>;

export const OrderView = z.object({
  orderId: z.string(),
  placedAt: z.optional(z.string()),
  total: z.optional(Money),
  status: z.optional(z.string()),
  counted: z.boolean(),
  items: z.optional(z.array(LineItem)),
});
export type OrderView = z.infer<typeof OrderView>;

export const NoteView = z.object({
  id: z.string(),
  text: z.string(),
  authorName: z.string(),
  createdAt: z.number(),
  editedAt: z.optional(z.number()),
  rev: z.number(),
  conflictOf: z.optional(z.string()),
});
export type NoteView = z.infer<typeof NoteView>;

export const ProfileView = z.object({
  shopId: z.string(),
  customerId: z.string(),
  /** False until BuyerLens has recorded anything about this buyer. */
  known: z.boolean(),
  displayName: z.string(),
  keys: z.array(z.string()),
  tagIds: z.array(z.string()),
  orderCount: z.number().check(z.int()),
  /** Sums of counted orders, one per currency (never a float sum). */
  totalSpent: z.array(Money),
  recentOrders: z.array(OrderView),
  notes: z.array(NoteView),
});
export type ProfileView = z.infer<typeof ProfileView>;

/** Statuses that do not count as a purchase. Sites map their own words onto these. */
export const UNCOUNTED_STATUSES = new Set(['cancelled', 'canceled', 'refunded', 'closed', 'failed', 'trash']);

export function isCounted(status: string | undefined): boolean {
  return !status || !UNCOUNTED_STATUSES.has(status);
}
