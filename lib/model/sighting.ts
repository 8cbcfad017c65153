import * as z from 'zod/mini';

/**
 * What a site adapter reads off a page. Sightings are untrusted page text: every one is
 * validated here before it reaches the background, and rendered only as text.
 *
 * Schemas use zod/mini: the same checks as classic zod at about a third of the bundle, which
 * matters in a content script that loads on every order list.
 */

/** A platform identity such as `nick:张三`, `email:a@b.com`, `customerId:123`. */
export const PlatformKey = z.string().check(
  z.trim(),
  z.minLength(3),
  z.maxLength(200),
  z.regex(/^(nick|email|phone|customerId):\S/, 'A platform key looks like "nick:张三" or "email:a@b.com".'),
);
export type PlatformKey = z.infer<typeof PlatformKey>;

export const BuyerSighting = z.object({
  /** The identity the platform itself uses for this buyer; the customer id is derived from it. */
  key: PlatformKey,
  /** Other identities seen alongside (email, phone). */
  otherKeys: z._default(z.array(PlatformKey).check(z.maxLength(10)), []),
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});
export type BuyerSighting = z.infer<typeof BuyerSighting>;

export const Money = z.object({
  /** Integer minor units (fen, cents): never a float sum. */
  amountMinor: z.number().check(z.int(), z.minimum(0), z.maximum(1e12)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
});
export type Money = z.infer<typeof Money>;

export const LineItem = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(300)),
  quantity: z.number().check(z.int(), z.minimum(1), z.maximum(1e6)),
  unitPrice: z.optional(Money),
});
export type LineItem = z.infer<typeof LineItem>;

export const OrderSighting = z.object({
  orderId: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  buyer: BuyerSighting,
  /** ISO 8601 with offset, e.g. 2026-11-02T10:15:00+08:00. */
  placedAt: z.optional(z.iso.datetime({ offset: true })),
  total: z.optional(Money),
  /** The platform's own status word, lower-cased (e.g. "paid", "shipped", "refunded"). */
  status: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
  items: z.optional(z.array(LineItem).check(z.maxLength(200))),
});
export type OrderSighting = z.infer<typeof OrderSighting>;

/** The shop a page belongs to: `platform:shopKey`. */
export const ShopRef = z.object({
  platform: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,30}$/)),
  key: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});
export type ShopRef = z.infer<typeof ShopRef>;

/** A customer read from a customers export (no order attached): identity, tags, note, contact. */
export const ImportedCustomer = z.object({
  buyer: BuyerSighting,
  tags: z.optional(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))).check(z.maxLength(100))),
  note: z.optional(z.string().check(z.maxLength(5000))),
  phone: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(40))),
  email: z.optional(z.string().check(z.trim(), z.minLength(3), z.maxLength(200))),
});
export type ImportedCustomer = z.infer<typeof ImportedCustomer>;
