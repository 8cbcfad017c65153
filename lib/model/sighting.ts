import { z } from 'zod';

/**
 * What a site adapter reads off a page. Sightings are untrusted page text: every one is
 * validated here before it reaches the background, and rendered only as text.
 */

/** A platform identity such as `nick:张三`, `email:a@b.com`, `customerId:123`. */
export const PlatformKey = z
  .string()
  .trim()
  .min(3)
  .max(200)
  .regex(/^(nick|email|phone|customerId):\S/, 'A platform key looks like "nick:张三" or "email:a@b.com".');
export type PlatformKey = z.infer<typeof PlatformKey>;

export const BuyerSighting = z.object({
  /** The identity the platform itself uses for this buyer; the customer id is derived from it. */
  key: PlatformKey,
  /** Other identities seen alongside (email, phone). */
  otherKeys: z.array(PlatformKey).max(10).default([]),
  displayName: z.string().trim().min(1).max(200),
});
export type BuyerSighting = z.infer<typeof BuyerSighting>;

export const Money = z.object({
  /** Integer minor units (fen, cents): never a float sum. */
  amountMinor: z.number().int().min(0).max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
export type Money = z.infer<typeof Money>;

export const LineItem = z.object({
  name: z.string().trim().min(1).max(300),
  quantity: z.number().int().min(1).max(1e6),
  unitPrice: Money.optional(),
});
export type LineItem = z.infer<typeof LineItem>;

export const OrderSighting = z.object({
  orderId: z.string().trim().min(1).max(100),
  buyer: BuyerSighting,
  /** ISO 8601 with offset, e.g. 2026-11-02T10:15:00+08:00. */
  placedAt: z.iso.datetime({ offset: true }).optional(),
  total: Money.optional(),
  /** The platform's own status word, lower-cased (e.g. "paid", "shipped", "refunded"). */
  status: z.string().trim().min(1).max(50).optional(),
  items: z.array(LineItem).max(200).optional(),
});
export type OrderSighting = z.infer<typeof OrderSighting>;

/** The shop a page belongs to: `platform:shopKey`. */
export const ShopRef = z.object({
  platform: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
  key: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(200),
});
export type ShopRef = z.infer<typeof ShopRef>;
