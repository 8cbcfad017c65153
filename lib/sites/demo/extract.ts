import { orderSighting, UNREADABLE, type Read } from '../sighting';
import {
  BuyerSighting,
  OrderSighting,
  ShopRef,
  type LineItem,
  type Money,
} from '../../model/sighting';
import { parseMoney } from '../money';
import { demoSelectors as S } from './selectors';

/**
 * Pure readers of the demo backoffice's DOM. Each takes the subtree it is handed and returns a
 * sighting validated by the model's zod schemas, or undefined; none throws.
 *
 * Each reader first checks that it was handed the element it reads (a row, the detail root,
 * the conversation), so a reader given the wrong subtree finds nothing.
 *
 * Rule for every reader: the order id and the buyer are required. Any other element that is
 * absent leaves its optional field out; an element that is present but cannot be read (a
 * total of "¥12.3.4", an empty status, a quantity of "two") makes the whole sighting
 * undefined: a page we misread is not recorded half-right.
 */

const CURRENCY = 'CNY';

/** Collapsed, trimmed text of an element ('' when absent). */
function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Marker for "present but unreadable": the caller gives up on the whole sighting. */

function readMoney(el: Element | null): Read<Money> {
  if (!el) return undefined;
  return parseMoney(text(el), { defaultCurrency: CURRENCY }) ?? UNREADABLE;
}

function readDate(el: Element | null): Read<string> {
  if (!el) return undefined;
  const value = el.getAttribute('datetime')?.trim();
  return value ? value : UNREADABLE;
}

function readStatus(el: Element | null): Read<string> {
  if (!el) return undefined;
  const value = el.getAttribute('data-status')?.trim().toLowerCase();
  return value ? value : UNREADABLE;
}

function readOrderId(el: Element): string | undefined {
  const id = el.getAttribute('data-order-id')?.trim();
  return id && /^\d{1,40}$/.test(id) ? id : undefined;
}

/** A buyer from an element carrying `data-nick` and the display name as its text. */
export function readBuyer(el: Element | null | undefined): BuyerSighting | undefined {
  if (!el) return undefined;
  const nick = el.getAttribute('data-nick')?.trim();
  if (!nick) return undefined;
  const parsed = BuyerSighting.safeParse({ key: `nick:${nick}`, displayName: text(el) || nick });
  return parsed.success ? parsed.data : undefined;
}


/** One `tr.order-row` of the order list. */
export function extractOrderRow(row: Element): OrderSighting | undefined {
  try {
    if (!row.matches(S.orderRowSelf)) return undefined;
    return orderSighting({
      orderId: readOrderId(row),
      buyer: readBuyer(row.querySelector(S.rowBuyer)),
      placedAt: readDate(row.querySelector(S.rowDate)),
      total: readMoney(row.querySelector(S.rowTotal)),
      status: readStatus(row.querySelector(S.rowStatus)),
    });
  } catch {
    return undefined;
  }
}

function readItems(root: Element): Read<LineItem[]> {
  const rows = Array.from(root.querySelectorAll(S.detailItem));
  if (rows.length === 0) return undefined;
  const items: LineItem[] = [];
  for (const row of rows) {
    const name = text(row.querySelector(S.itemName));
    const qtyText = text(row.querySelector(S.itemQty));
    if (!name || !/^\d{1,7}$/.test(qtyText)) return UNREADABLE;
    const unitPrice = readMoney(row.querySelector(S.itemPrice));
    if (unitPrice === UNREADABLE) return UNREADABLE;
    items.push(unitPrice ? { name, quantity: Number(qtyText), unitPrice } : { name, quantity: Number(qtyText) });
  }
  return items;
}

/** The `section.order-detail` of an order page. */
export function extractOrderDetail(root: Element): OrderSighting | undefined {
  try {
    if (!root.matches(S.orderDetail)) return undefined;
    return orderSighting({
      orderId: readOrderId(root),
      buyer: readBuyer(root.querySelector(S.detailBuyer)),
      placedAt: readDate(root.querySelector(S.detailDate)),
      total: readMoney(root.querySelector(S.detailTotal)),
      status: readStatus(root.querySelector(S.detailStatus)),
      items: readItems(root),
    });
  } catch {
    return undefined;
  }
}

/** The buyer of an open `main.conversation`. */
export function extractChatBuyer(conversation: Element): BuyerSighting | undefined {
  try {
    if (!conversation.matches(S.conversationSelf)) return undefined;
    return readBuyer(conversation.querySelector(S.conversationBuyer));
  } catch {
    return undefined;
  }
}

/** The shop, from the `shop-key` and `shop-name` meta tags of the page. */
export function extractShop(doc: Document): ShopRef | undefined {
  const key = doc.querySelector(S.shopKey)?.getAttribute('content')?.trim();
  if (!key) return undefined;
  const name = doc.querySelector(S.shopName)?.getAttribute('content')?.trim() || key;
  const parsed = ShopRef.safeParse({ platform: 'demo', key, name });
  return parsed.success ? parsed.data : undefined;
}
