import * as z from 'zod/mini';
import { TagColor } from './entities';
import { LIFECYCLE_STAGES, RFM_GROUPS } from './insight-names';
import { LineItem, Money } from './sighting';

/** What the background sends back to pages: plain data, validated on arrival too. */

/** A sentence for a person: an i18n key and its parameters (params ending in Minor are money). */
export const Reason = z.object({
  key: z.string(),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type Reason = z.infer<typeof Reason>;


/** The compact marker beside a buyer's chips on a list, and the figures behind it. */
export const MarkerView = z.object({
  stage: z.enum(LIFECYCLE_STAGES),
  group: z.enum(RFM_GROUPS),
  orderCount: z.number(),
  totalMinor: z.number(),
  currency: z.optional(z.string()),
  lastAt: z.optional(z.number()),
  rfm: z.optional(z.object({ r: z.number(), f: z.number(), m: z.number() })),
});
export type MarkerView = z.infer<typeof MarkerView>;

export const SuggestionView = z.object({
  ruleId: z.string(),
  kind: z.string(),
  action: z.string(),
  reasons: z.array(Reason),
  factsKey: z.string(),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

export const InsightView = z.object({
  ...MarkerView.shape,
  stageReason: Reason,
  groupReason: Reason,
  avgOrderMinor: z.optional(z.number()),
  firstAt: z.optional(z.number()),
  /** Whole days since the last counted order; absent when no order has a date. */
  recencyDays: z.optional(z.number()),
  /** The buyer's usual cycle, and when the next order would be expected. */
  cycleDays: z.optional(z.number()),
  nextExpectedAt: z.optional(z.number()),
  /** The shop's rhythm the stage was judged by. */
  shopCycleDays: z.number(),
  unknownTotalOrders: z.number(),
  suggestions: z.array(SuggestionView),
});
export type InsightView = z.infer<typeof InsightView>;

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
  /** Lifecycle stage and RFM group of the customers asked about (those with any order). */
  markers: z.record(z.string(), MarkerView),
});
export type ShopView = z.infer<typeof ShopView>;

export const OrderView = z.object({
  orderId: z.string(),
  placedAt: z.optional(z.string()),
  total: z.optional(Money),
  status: z.optional(z.string()),
  counted: z.boolean(),
  items: z.optional(z.array(LineItem)),
  /** Earlier figures of this order, when a later sighting changed them. */
  changes: z.optional(z.number()),
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
  /** Every known order, newest first. */
  orders: z.array(OrderView),
  notes: z.array(NoteView),
  insight: InsightView,
  /** False when this member's role in the team may not delete notes (the page offers no Delete). */
  canDeleteNotes: z.optional(z.boolean()),
});
export type ProfileView = z.infer<typeof ProfileView>;


