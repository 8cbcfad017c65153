import { orderSighting, UNREADABLE, type Read } from '../sighting';
import { BuyerSighting, OrderSighting, ShopRef, type LineItem, type Money } from '../../model/sighting';
import { parseMoney } from '../money';
import { taobaoSelectors as S } from './selectors';

/**
 * Pure readers of the Taobao seller center's DOM. Each takes the subtree it is handed and
 * returns a sighting validated by the model's zod schemas, or undefined; none throws.
 *
 * Rule for every order block: the order id and the buyer are required. Any other part that is
 * absent leaves its field out; a part that is present but cannot be read (a creation time of
 * "昨天", an empty status, a paid amount of "¥12.3.4", an item without a quantity) makes the
 * whole sighting undefined: an order we misread is not recorded half-right. Unit prices are the
 * exception: they are extras, left out of an item when unclear.
 */

const CURRENCY = 'CNY';
/** Taobao order ids: 18–19 digits today, 15–16 on orders from before 2018. */
const ORDER_ID = /^\d{15,20}$/;

/** Collapsed, trimmed text of an element ('' when absent). */
function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Marker for "present but unreadable": the caller gives up on the whole sighting. */

/** Text of an element without its `<del>` parts (a struck-out list price). */
function textWithoutStruck(el: Element): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1 && (node as Element).localName !== S.priceStruck) out += textWithoutStruck(node as Element);
    out += ' ';
  }
  return out;
}

function money(raw: string): Money | undefined {
  // `￥ 128.00` is often split over two spans: join the currency sign to the figure.
  return parseMoney(raw.replace(/\s+/g, ' ').trim().replace(/^([¥￥])\s+/, '$1'), { defaultCurrency: CURRENCY });
}

// ---------------------------------------------------------------------------------------------
// Order id, creation time, status

/** 订单号 from the label text, else the checkbox value (`<input name="orderid" value="…">`). */
function readOrderId(labelText: string, checkbox: Element | null): string | undefined {
  const fromLabel = /订单号\s*[:：]?\s*(\d+)/.exec(labelText)?.[1];
  const id = fromLabel ?? checkbox?.getAttribute('value')?.trim();
  return id && ORDER_ID.test(id) ? id : undefined;
}

const DATE_TIME = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-02 10:15:30` (China time, as the page prints it) → `2026-11-02T10:15:30+08:00`. */
export function chinaTimeToIso(raw: string): string | undefined {
  const m = DATE_TIME.exec(raw);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day &&
    probe.getUTCHours() === hour &&
    probe.getUTCMinutes() === minute &&
    probe.getUTCSeconds() === second;
  if (!valid) return undefined;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}+08:00`;
}

/** 创建时间, from its own element when the page has one, else from the label. */
function readPlacedAt(block: Element, labelText: string): Read<string> {
  const own = block.querySelector(S.rowCreateTime);
  const source = own ? text(own) : labelText.includes('创建时间') ? labelText.slice(labelText.indexOf('创建时间')) : undefined;
  if (source === undefined) return undefined;
  return chinaTimeToIso(source) ?? UNREADABLE;
}

/**
 * Taobao's trade statuses and the word we keep. Uncounted orders map to `pending` (not paid
 * yet) and `closed`; a status not listed is kept as the page prints it (lib/insights/counted.ts
 * knows Taobao's own words for uncounted orders too).
 */
export const TAOBAO_STATUSES: Readonly<Record<string, string>> = {
  等待买家付款: 'pending',
  买家已付款: 'paid',
  等待卖家发货: 'paid',
  卖家已发货: 'shipped',
  等待买家确认收货: 'shipped',
  交易成功: 'completed',
  交易关闭: 'closed',
};

/** A status text → our word; undefined when it is empty or too long to be a status. */
export function mapTaobaoStatus(raw: string): string | undefined {
  const compact = raw.replace(/\s+/g, '');
  if (!compact || compact.length > 50) return undefined;
  const known = TAOBAO_STATUSES[compact] ?? Object.entries(TAOBAO_STATUSES).find(([zh]) => compact.startsWith(zh))?.[1];
  return known ?? compact.toLowerCase();
}

function readStatus(block: Element): Read<string> {
  const el = block.querySelector(S.rowStatus);
  if (!el) return undefined;
  return mapTaobaoStatus(text(el)) ?? UNREADABLE;
}

// ---------------------------------------------------------------------------------------------
// Money and items

/**
 * The paid amount (实收款): the price whose figure is in a `strong`. When no price has one, a
 * lone price is taken; several without a `strong` are ambiguous and the total is left out.
 */
function readTotal(block: Element): Read<Money> {
  const prices = Array.from(block.querySelectorAll(S.rowPrice));
  const paid = prices.find((p) => p.querySelector(S.priceStrong)) ?? (prices.length === 1 ? prices[0] : undefined);
  if (!paid) return undefined;
  return money(text(paid.querySelector(S.priceStrong) ?? paid)) ?? UNREADABLE;
}

/** `×2`, `x 2`, `2` → 2. */
function readQuantity(raw: string): number | undefined {
  const m = /^[×xX*]?\s*(\d{1,6})$/.exec(raw);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 ? n : undefined;
}

function readItems(block: Element): Read<LineItem[]> {
  const rows = Array.from(block.querySelectorAll(S.rowItem));
  const items: LineItem[] = [];
  for (const row of rows) {
    const titleEl = row.querySelector(S.itemTitle);
    // A row without a title link is not a product (a gift note, a service line): skip it.
    if (!titleEl) continue;
    const name = text(titleEl);
    const quantity = readQuantity(text(row.querySelector(S.itemQuantity)));
    if (!name || quantity === undefined) return UNREADABLE;
    const priceEl = Array.from(row.querySelectorAll(S.rowPrice)).find((p) => !p.querySelector(S.priceStrong));
    const unitPrice = priceEl ? money(textWithoutStruck(priceEl)) : undefined;
    items.push(unitPrice ? { name, quantity, unitPrice } : { name, quantity });
  }
  return items.length ? items : undefined;
}

// ---------------------------------------------------------------------------------------------
// Buyers

/** Instant-messaging ids carry the site as a prefix (`cntaobao张三`); the nick is the rest. */
function stripImPrefix(nick: string): string {
  return /^cntaobao./.test(nick) ? nick.slice('cntaobao'.length) : nick;
}

/**
 * A buyer from a nick (买家会员名): key `nick:<nick>`, the nick as the display name. A masked
 * nick (`小**鱼`, shown where Taobao hides buyers' names) is no identity: undefined. Nicks
 * cannot contain `*`.
 */
export function buyerFromNick(raw: string | null | undefined): BuyerSighting | undefined {
  const nick = stripImPrefix((raw ?? '').replace(/\s+/g, ' ').trim());
  if (!nick || nick.includes('*')) return undefined;
  const parsed = BuyerSighting.safeParse({ key: `nick:${nick}`, displayName: nick });
  return parsed.success ? parsed.data : undefined;
}

// ---------------------------------------------------------------------------------------------
// Public readers

/** One order block (`div.trade-order-main`) of 已卖出的宝贝. */
export function extractOrderBlock(block: Element): OrderSighting | undefined {
  try {
    if (!block.matches(S.orderRow)) return undefined;
    const label = block.querySelector(S.rowLabel);
    const labelText = text(label);
    const orderId = readOrderId(labelText, label?.querySelector(S.rowCheckbox) ?? null);
    const buyer = buyerFromNick(text(block.querySelector(S.rowBuyer)));
    if (!orderId || !buyer) return undefined;
    const placedAt = readPlacedAt(block, labelText);
    const total = readTotal(block);
    const status = readStatus(block);
    const items = readItems(block);
    return orderSighting({ orderId, buyer, placedAt, total, status, items });
  } catch {
    return undefined;
  }
}

/** The page's checkbox of an order block, inside its 订单号 label. */
export function orderCheckbox(block: Element): HTMLInputElement | undefined {
  try {
    const el = block.querySelector(S.rowLabel)?.querySelector(S.rowCheckbox);
    // localName rather than instanceof: the block may come from another realm (a content script).
    return el?.localName === 'input' ? (el as HTMLInputElement) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The buyer of the open conversation: the nick in the chat header, else the `data-nick` of the
 * active item of the conversation list. Undefined when the markup holds neither.
 */
export function extractChatBuyer(conversation: Element): BuyerSighting | undefined {
  try {
    const header = conversation.querySelector(S.chatHeaderNick);
    if (header) {
      const buyer = buyerFromNick(header.getAttribute('data-nick') ?? header.getAttribute('title') ?? text(header));
      if (buyer) return buyer;
    }
    return buyerFromNick(conversation.querySelector(S.chatActiveItem)?.getAttribute('data-nick'));
  } catch {
    return undefined;
  }
}

/** The workbench's right-hand panel, where our profile docks; undefined when there is none. */
export function chatDock(doc: Document): Element | undefined {
  try {
    return doc.querySelector(S.chatDock) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shop: its name in the seller-center header, else the seller's nick (the main account of
 * a `主账号:子账号` sub-account). Undefined when the page shows neither.
 */
export function extractShop(doc: Document): ShopRef | undefined {
  try {
    let name = text(doc.querySelector(S.shopName));
    if (!name) {
      const nick = text(doc.querySelector(S.sellerNick));
      name = (nick.split(/[:：]/)[0] ?? '').trim();
    }
    if (!name) return undefined;
    const parsed = ShopRef.safeParse({ platform: 'taobao', key: name, name });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
