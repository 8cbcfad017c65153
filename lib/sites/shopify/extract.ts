import { orderSighting, UNREADABLE, type Read } from '../sighting';
import { BuyerSighting, OrderSighting, ShopRef, type LineItem, type Money } from '../../model/sighting';
import { parseMoney } from '../money';
import { shopHandleOf } from './detect';
import { shopifySelectors as S } from './selectors';
import {
  CANCELLED_BADGES,
  COLUMN_HEADERS,
  CUSTOMER_CARD_TITLES,
  NO_CUSTOMER,
  PAYMENT_STATUSES,
  TOTAL_LABELS,
  norm,
  type Column,
} from './vocabulary';

/**
 * Pure readers of the Shopify admin's DOM, by accessible structure only: table semantics and
 * ARIA roles, column header texts, link targets (`/orders/{id}`, `/customers/{id}`,
 * `mailto:`, `tel:`), headings and `<time datetime>`. Never a class name, never an attribute
 * Shopify generates for styling. None throws; each returns a sighting validated by the
 * model's zod schemas, or undefined.
 *
 * Rules, as for every adapter: the order id and the buyer are required; a field whose
 * element is absent is left out; a total or line item that is present but cannot be read
 * makes the whole sighting undefined (a page we misread is not recorded half-right).
 * Dates are the exception: Shopify prints relative dates ("Today at 10:15 am") that a pure
 * reader cannot place without a clock, so `placedAt` is only read from an absolute date with
 * an offset (`<time datetime>` or a `title`), and left out otherwise.
 *
 * The order id is the order's name as the merchant sees it (`#1001`), which both the list and
 * the order page print; the numeric id of the URL is not on the order page's DOM.
 */

/** Collapsed, trimmed text of an element ('' when absent). */
function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}


/* ------------------------------------------------------------------ values */

/**
 * `$1,234.56` → 123456 USD; `€12,00` → 1200 EUR; `¥128.00 CNY` / `$12.00 CAD` → the trailing
 * ISO code wins over the symbol. Undefined when it cannot be read with certainty.
 */
export function readShopifyMoney(raw: string): Money | undefined {
  const value = raw.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!value || /[-−]/.test(value)) return undefined;
  const coded = /^(.*?\d.*?)\s*\b([A-Z]{3})$/.exec(value);
  if (coded) {
    const amount = (coded[1] ?? '').replace(/^[^\d]+|[^\d]+$/g, '');
    return parseMoney(amount, { defaultCurrency: coded[2] });
  }
  return parseMoney(value);
}

function readMoneyText(raw: string): Read<Money> {
  if (!raw) return undefined;
  return readShopifyMoney(raw) ?? UNREADABLE;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

const pad = (n: number | string, width = 2): string => String(n).padStart(width, '0');

function offsetOf(sign: string, hours: string, minutes: string | undefined): string | undefined {
  const h = Number(hours);
  const m = Number(minutes ?? '0');
  if (h > 14 || m > 59) return undefined;
  return `${sign}${pad(h)}:${pad(m)}`;
}

function isoOf(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  // The calendar day must exist (no Feb 30).
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
  return OrderSighting.shape.placedAt.safeParse(iso).success ? iso : undefined;
}

/**
 * An absolute date with an offset, as ISO 8601 with an offset; undefined for anything else
 * (relative dates, dates without a year or an offset). Accepted:
 *   2025-11-02T09:20:00-05:00, 2025-11-02 09:20 +0800, 2025-11-02T14:20:00Z
 *   Sunday, November 2, 2025 at 9:20 am GMT-5     Nov 2, 2025, 9:20 AM UTC+08:00
 *   2025年11月2日 09:20 GMT+8
 */
export function readAbsoluteDate(raw: string | null | undefined): string | undefined {
  const value = (raw ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
  if (!value || value.length > 80) return undefined;
  let m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,9})?)? ?(Z|[+-]\d\d:?\d\d)$/i.exec(value);
  if (m) {
    const zone = m[7]!.toUpperCase();
    const offset = zone === 'Z' ? 'Z' : offsetOf(zone[0]!, zone.slice(1, 3), zone.slice(-2));
    return offset && isoOf(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), offset);
  }
  const zone = /\s(?:GMT|UTC)(?:\s?([+-])(\d{1,2})(?::?(\d\d))?)?$/i.exec(value);
  if (!zone) return undefined;
  const offset = zone[1] ? offsetOf(zone[1], zone[2]!, zone[3]) : '+00:00';
  if (!offset) return undefined;
  const head = value.slice(0, zone.index).trim();
  m = /^(?:[A-Za-z]+,? )?([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4}),?(?: at)? (\d{1,2}):(\d\d)(?::(\d\d))? ?([ap])\.?m\.?$/i.exec(head);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    let hour = Number(m[4]);
    if (!month || hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (m[7]!.toLowerCase() === 'p' ? 12 : 0);
    return isoOf(+m[3]!, month, +m[2]!, hour, +m[5]!, +(m[6] ?? 0), offset);
  }
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日 ?(\d{1,2}):(\d\d)(?::(\d\d))?$/.exec(head);
  if (m) return isoOf(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0), offset);
  return undefined;
}

/** The absolute date in or on an element: `<time datetime>` first, then a `title`. */
function readDateIn(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const time = el.matches(S.time) ? el : el.querySelector(S.time);
  const fromTime = readAbsoluteDate(time?.getAttribute('datetime'));
  if (fromTime) return fromTime;
  const titled = el.matches(S.titled) ? el : el.querySelector(S.titled);
  return readAbsoluteDate(titled?.getAttribute('title'));
}

/**
 * A payment status word of the element or of one of its descendants (a badge inside a cell);
 * else the last one to three words of its text, for a badge that prefixes its word with a
 * visually hidden tone ("Attention Payment pending").
 */
function paymentStatusIn(el: Element): string | undefined {
  const all = norm(el.textContent);
  const own = PAYMENT_STATUSES.get(all);
  if (own) return own;
  // Cheapest first: string work on the text already read, then the descendants one by one.
  const words = all.split(' ');
  for (let n = Math.min(3, words.length - 1); n >= 1; n--) {
    const found = PAYMENT_STATUSES.get(words.slice(-n).join(' '));
    if (found) return found;
  }
  for (const inner of el.querySelectorAll('*')) {
    const found = PAYMENT_STATUSES.get(norm(inner.textContent));
    if (found) return found;
  }
  return undefined;
}

/** The Payment status cell: a known word, or the platform's own text lower-cased. */
function readPayment(cell: Element | undefined): Read<string> {
  if (!cell) return undefined;
  const known = paymentStatusIn(cell);
  if (known) return known;
  const raw = norm(cell.textContent);
  if (!raw) return undefined;
  return raw.length <= 50 ? raw : UNREADABLE;
}

const ORDER_NAME = /^#?[\p{L}\p{N}._-]{1,60}$/u;

/** `#1001` (or a custom name like `SHOP-1001`): a token with at least one digit. */
function readOrderName(raw: string): string | undefined {
  if (ORDER_NAME.test(raw) && /\d/.test(raw)) return raw;
  const inner = /#[\p{L}\p{N}._-]*\d[\p{L}\p{N}._-]*/u.exec(raw)?.[0];
  return inner && inner.length <= 61 ? inner : undefined;
}

const CUSTOMER_HREF = /\/customers\/(\d{1,30})(?:[/?#]|$)/;
const ORDER_HREF = /\/orders\/(\d{1,30})(?:[/?#]|$)/;

function hrefOf(el: Element | null | undefined): string {
  return el?.getAttribute('href') ?? '';
}

function buyer(key: string, displayName: string, otherKeys: string[] = []): BuyerSighting | undefined {
  const parsed = BuyerSighting.safeParse({ key, otherKeys, displayName });
  return parsed.success ? parsed.data : undefined;
}


/* ------------------------------------------------------------------ order list */

interface Header {
  readonly row: Element;
  /** The header row's cells when read: a changed header (columns reordered) is read again. */
  readonly cells: readonly Element[];
  /** Column → its position (colspans counted). */
  readonly columns: ReadonlyMap<Column, number>;
}

/** Header of each table seen, per table element; checked against the live header per row. */
const headers = new WeakMap<Element, Header>();

const CELL_ROLES: ReadonlySet<string> = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);

/** `S.cell` for one child, without a selector match (this runs for every cell of every row). */
function isCell(el: Element): boolean {
  if (el.localName === 'td' || el.localName === 'th') return true;
  const role = el.getAttribute('role');
  return role !== null && CELL_ROLES.has(role);
}

/** The row's cells. A sibling walk: iterating a live `children` collection is slower in Chromium. */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) if (isCell(child)) cells.push(child);
  return cells;
}

function span(cell: Element): number {
  const n = Number(cell.getAttribute('colspan') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : 1;
}

/** Text of a header cell without what is hidden from assistive technology (sort arrows). */
function spokenText(node: Node): string {
  let out = '';
  for (const child of node.childNodes) {
    if (child.nodeType === 3) out += child.nodeValue ?? '';
    else if (child.nodeType === 1 && (child as Element).getAttribute('aria-hidden') !== 'true') out += ` ${spokenText(child)} `;
  }
  return out;
}

function columnOfHeader(cell: Element): Column | undefined {
  const direct =
    COLUMN_HEADERS.get(norm(spokenText(cell))) ??
    COLUMN_HEADERS.get(norm(cell.getAttribute('aria-label'))) ??
    COLUMN_HEADERS.get(norm(cell.textContent));
  if (direct) return direct;
  // A sort button with an icon's hidden label beside the word: try each inner element.
  for (const inner of cell.querySelectorAll('*')) {
    const found = COLUMN_HEADERS.get(norm(inner.textContent));
    if (found) return found;
  }
  return undefined;
}

function readHeader(table: Element): Header | undefined {
  const cached = headers.get(table);
  if (cached && cached.row.parentNode && table.contains(cached.row)) {
    // Still the same header cells, in the same order?
    let i = 0;
    let child = cached.row.firstElementChild;
    while (child && child === cached.cells[i]) {
      child = child.nextElementSibling;
      i++;
    }
    if (!child && i === cached.cells.length) return cached;
  }
  const first = table.querySelector(S.columnHeader);
  const row = first?.parentElement;
  if (!row) return undefined;
  const columns = new Map<Column, number>();
  let position = 0;
  for (const cell of cellsOf(row)) {
    const column = columnOfHeader(cell);
    if (column && !columns.has(column)) columns.set(column, position);
    position += span(cell);
  }
  const cells: Element[] = [];
  for (let child = row.firstElementChild; child; child = child.nextElementSibling) cells.push(child);
  const header: Header = { row, cells, columns };
  headers.set(table, header);
  return header;
}

/** The row's cells by column position. */
function positioned(row: Element): Element[] {
  const byPosition: Element[] = [];
  for (const cell of cellsOf(row)) {
    const n = span(cell);
    for (let i = 0; i < n; i++) byPosition.push(cell);
  }
  return byPosition;
}

interface ListRow {
  readonly cells: Element[];
  readonly columns: ReadonlyMap<Column, number>;
}

/**
 * `S.orderRow` for one element, without a selector match: a `tr` of a `tbody`, or an ARIA
 * row that holds no column header.
 */
function isBodyRow(row: Element): boolean {
  if (row.localName === 'tr') return row.parentElement?.localName === 'tbody';
  return row.getAttribute('role') === 'row' && !row.querySelector(S.ariaColumnHeader);
}

/** The row with its columns, when it is a body row of a table of orders. */
function listRow(row: Element): ListRow | undefined {
  if (!isBodyRow(row)) return undefined;
  const table = row.closest(S.table);
  if (!table) return undefined;
  const header = readHeader(table);
  if (!header || header.row === row) return undefined;
  if (!header.columns.has('order') || !header.columns.has('customer')) return undefined;
  return { cells: positioned(row), columns: header.columns };
}

function cellAt(r: ListRow, column: Column): Element | undefined {
  const position = r.columns.get(column);
  return position === undefined ? undefined : r.cells[position];
}

function readListOrderId(cell: Element | undefined): string | undefined {
  if (!cell) return undefined;
  const link = cell.querySelector(S.orderLink);
  if (link && ORDER_HREF.test(hrefOf(link))) return readOrderName(text(link));
  return readOrderName(text(cell));
}

/** The element holding the buyer's name in a Customer cell: its link, else its first text. */
function customerElement(cell: Element | undefined): Element | undefined {
  if (!cell) return undefined;
  const link = cell.querySelector(S.customerLink);
  if (link && CUSTOMER_HREF.test(hrefOf(link))) return link;
  if (NO_CUSTOMER.has(norm(cell.textContent))) return undefined;
  // The innermost element that holds the whole name (the cell when the text is bare).
  let el: Element = cell;
  while (el.children.length === 1 && norm(el.firstElementChild!.textContent) === norm(el.textContent)) {
    el = el.firstElementChild!;
  }
  return el;
}

function readListBuyer(cell: Element | undefined): BuyerSighting | undefined {
  const el = customerElement(cell);
  if (!el) return undefined;
  const name = text(el);
  const id = CUSTOMER_HREF.exec(hrefOf(el))?.[1];
  if (id && el.localName === 'a') return buyer(`customerId:${id}`, name || `#${id}`);
  if (!name || NO_CUSTOMER.has(name.toLowerCase())) return undefined;
  return buyer(`nick:${name}`, name);
}

/** One body row of the order list. */
export function extractOrderRow(row: Element): OrderSighting | undefined {
  try {
    const r = listRow(row);
    if (!r) return undefined;
    const totalCell = cellAt(r, 'total');
    return orderSighting({
      orderId: readListOrderId(cellAt(r, 'order')),
      buyer: readListBuyer(cellAt(r, 'customer')),
      placedAt: readDateIn(cellAt(r, 'date')),
      total: totalCell ? readMoneyText(text(totalCell)) : undefined,
      status: readPayment(cellAt(r, 'payment')),
    });
  } catch {
    return undefined;
  }
}

/** The buyer's name in a row (link or text), where chips go. */
export function rowChipAnchor(row: Element): Element | undefined {
  try {
    const r = listRow(row);
    return r ? customerElement(cellAt(r, 'customer')) : undefined;
  } catch {
    return undefined;
  }
}

/** The row's own selection checkbox, in its first cell. */
export function rowCheckbox(row: Element): HTMLInputElement | undefined {
  try {
    if (!listRow(row)) return undefined;
    const first = cellsOf(row)[0];
    const box = first?.matches(S.rowCheckbox) ? first : first?.querySelector(S.rowCheckbox);
    // localName rather than instanceof: the row may come from another realm (a content script).
    return box?.localName === 'input' ? (box as HTMLInputElement) : undefined;
  } catch {
    return undefined;
  }
}

/* ------------------------------------------------------------------ order detail */

function pageOf(root: Element): Element | undefined {
  return root.closest(S.main) ?? undefined;
}

/** Is this the order page's title (`main h1` reading as an order name)? */
function detailTitle(root: Element): string | undefined {
  if (root.localName !== 'h1' || !root.closest(S.main)) return undefined;
  return readOrderName(text(root));
}

/** The Customer card: its heading's ancestors up to (not into) the column holding other cards. */
function customerCard(page: Element): Element | undefined {
  for (const heading of page.querySelectorAll(S.cardHeading)) {
    if (!CUSTOMER_CARD_TITLES.has(norm(heading.textContent))) continue;
    let card: Element = heading;
    for (let depth = 0; depth < 8; depth++) {
      const up = card.parentElement;
      if (!up || up === page || up.getElementsByTagName(heading.localName).length > 1) break;
      card = up;
    }
    return card;
  }
  return undefined;
}

function customerLinkIn(card: Element | undefined): Element | undefined {
  if (!card) return undefined;
  for (const link of card.querySelectorAll(S.customerLink)) if (CUSTOMER_HREF.test(hrefOf(link))) return link;
  return undefined;
}

function emailIn(card: Element): string | undefined {
  const href = hrefOf(card.querySelector(S.email));
  let address = href.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    address = decodeURIComponent(address);
  } catch {
    return undefined;
  }
  address = address.trim().toLowerCase();
  return /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@.]{2,}$/.test(address) ? address : undefined;
}

function phoneIn(card: Element): string | undefined {
  const digits = hrefOf(card.querySelector(S.phone)).slice('tel:'.length).replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 20 ? digits : undefined;
}

function readDetailBuyer(page: Element): BuyerSighting | undefined {
  const card = customerCard(page);
  if (!card) return undefined;
  const link = customerLinkIn(card);
  const email = emailIn(card);
  const phone = phoneIn(card);
  const others: string[] = [];
  if (email) others.push(`email:${email}`);
  if (phone) others.push(`phone:${phone}`);
  if (link) {
    const id = CUSTOMER_HREF.exec(hrefOf(link))![1];
    return buyer(`customerId:${id}`, text(link) || email || `#${id}`, others);
  }
  // No customer record, but a contact: the email is the identity.
  if (email) return buyer(`email:${email}`, email, phone ? [`phone:${phone}`] : []);
  return undefined;
}

/**
 * The title area: the largest ancestor of the `h1` (at most three levels up) that holds no
 * card heading, so the payment card's own "Paid" title is never read as a badge.
 */
function titleArea(root: Element): Element {
  let area: Element = root;
  for (let depth = 0; depth < 3; depth++) {
    const up = area.parentElement;
    if (!up || up.localName === 'main' || up.querySelector(S.cardHeading)) break;
    area = up;
  }
  return area;
}

/** The badges beside the title: a Cancelled badge wins over the payment status. */
function readDetailStatus(area: Element): Read<string> {
  let payment: string | undefined;
  for (const el of area.querySelectorAll('span')) {
    const word = norm(el.textContent);
    if (CANCELLED_BADGES.has(word)) return 'cancelled';
    payment ??= PAYMENT_STATUSES.get(word);
  }
  return payment;
}

/** The amount beside the Total label of the payment card. */
function readDetailTotal(page: Element): Read<Money> {
  for (const label of page.getElementsByTagName('*')) {
    if (label.childElementCount !== 0 || !TOTAL_LABELS.has(norm(label.textContent))) continue;
    if (label.localName === 'dt') return readMoneyText(text(label.nextElementSibling));
    // Up from the label to the row that holds it and the amount.
    let inner: Element = label;
    for (let depth = 0; depth < 4; depth++) {
      const row = inner.parentElement;
      if (!row || row === page) break;
      if (row.childElementCount >= 2) {
        const amount = row.lastElementChild;
        if (!amount || amount === inner) break;
        return readMoneyText(text(amount));
      }
      inner = row;
    }
    return UNREADABLE;
  }
  return undefined;
}

const PRICE_TIMES_QTY = /((?:[^\s\d×]{1,4} ?)?\d[\d.,]*(?: ?[A-Z]{3}\b|[^\s\d×]{0,3})?) ?× ?(\d{1,7})\b/g;

/** The first `price × quantity` in a text whose price reads as money ("3 × 25 g" does not). */
function priceTimesQuantity(raw: string): { unitPrice: Money; quantity: number } | undefined {
  for (const match of raw.matchAll(PRICE_TIMES_QTY)) {
    const unitPrice = readShopifyMoney(match[1]!);
    const quantity = Number(match[2]);
    if (unitPrice && quantity >= 1) return { unitPrice, quantity };
  }
  return undefined;
}

/** Line items: one per product link, with the `$25.00 × 2` beside it. */
function readItems(page: Element): Read<LineItem[]> {
  const items: LineItem[] = [];
  for (const link of page.querySelectorAll(S.productLink)) {
    const name = text(link);
    if (!name) continue; // an image link beside the title link
    let row: Element = link;
    let found: ReturnType<typeof priceTimesQuantity>;
    for (let depth = 0; depth < 5 && !found; depth++) {
      const up = row.parentElement;
      if (!up || up === page) break;
      // Never climb into the card listing several products.
      let products = 0;
      for (const other of up.querySelectorAll(S.productLink)) if (text(other)) products++;
      if (products > 1) break;
      row = up;
      found = priceTimesQuantity(text(row).replace(name, ''));
    }
    if (!found) return UNREADABLE;
    items.push({ name, ...found });
  }
  return items.length ? items : undefined;
}

/** The order page, from its title `h1` (the detail root). */
export function extractOrderDetail(root: Element): OrderSighting | undefined {
  try {
    const orderId = detailTitle(root);
    const page = orderId ? pageOf(root) : undefined;
    if (!orderId || !page) return undefined;
    const area = titleArea(root);
    return orderSighting({
      orderId,
      buyer: readDetailBuyer(page),
      placedAt: area === root ? undefined : readDateIn(area),
      total: readDetailTotal(page),
      status: readDetailStatus(area),
      items: readItems(page),
    });
  } catch {
    return undefined;
  }
}

/** The customer's name in the Customer card of the order page. */
export function detailChipAnchor(root: Element): Element | undefined {
  try {
    if (!detailTitle(root)) return undefined;
    const page = pageOf(root);
    const card = page && customerCard(page);
    if (!card) return undefined;
    return customerLinkIn(card) ?? card.querySelector(S.email) ?? undefined;
  } catch {
    return undefined;
  }
}

/* ------------------------------------------------------------------ shop */

/**
 * The shop: its handle from the URL, its name from the document title
 * (`Orders · Blossom Teas · Shopify` → `Blossom Teas`), else the handle.
 */
export function extractShop(url: URL, doc: Document): ShopRef | undefined {
  const key = shopHandleOf(url);
  if (!key) return undefined;
  const parts = (doc.title ?? '').split(/\s+[·|–—]\s+/).map((p) => p.trim());
  const name = parts.length >= 2 && /^shopify$/i.test(parts[parts.length - 1] ?? '') ? parts[parts.length - 2] : undefined;
  const parsed = ShopRef.safeParse({ platform: 'shopify', key, name: name || key });
  return parsed.success ? parsed.data : undefined;
}
