import { OrderSighting, type BuyerSighting, type LineItem, type Money } from '../model/sighting';

/**
 * The rule every site reader follows: the order id and the buyer are required; a field whose
 * element is absent is left out; a field whose element is present but cannot be read makes the
 * whole sighting undefined — a page we misread is not recorded half-right.
 */
export const UNREADABLE = Symbol('unreadable');

/** A field as read: a value, absent (undefined), or present but unreadable. */
export type Read<T> = T | undefined | typeof UNREADABLE;

export interface OrderFields {
  readonly orderId: string | undefined;
  readonly buyer: BuyerSighting | undefined;
  readonly placedAt: Read<string>;
  readonly total: Read<Money>;
  readonly status: Read<string>;
  readonly items?: Read<LineItem[]>;
}

/** Builds and validates an order sighting; undefined when a required or present field failed. */
export function orderSighting({ orderId, buyer, placedAt, total, status, items }: OrderFields): OrderSighting | undefined {
  if (!orderId || !buyer) return undefined;
  if (placedAt === UNREADABLE || total === UNREADABLE || status === UNREADABLE || items === UNREADABLE) return undefined;
  const candidate: Record<string, unknown> = { orderId, buyer };
  if (placedAt !== undefined) candidate.placedAt = placedAt;
  if (total !== undefined) candidate.total = total;
  if (status !== undefined) candidate.status = status;
  if (items !== undefined) candidate.items = items;
  const parsed = OrderSighting.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}
