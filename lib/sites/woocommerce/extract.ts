import { orderSighting, UNREADABLE, type Read } from '../sighting';
import { BuyerSighting, Money, OrderSighting, ShopRef, type LineItem } from '../../model/sighting';
import { MAX_AMOUNT_MINOR } from '../money';
import { wooSelectors as S } from './selectors';

/**
 * Pure readers of WooCommerce's admin DOM (HPOS and legacy posts storage). Each takes the subtree
 * it is handed and returns a sighting validated by the model's zod schemas, or undefined; none
 * throws.
 *
 * Rules, as for every adapter: the order id and the buyer are required. An element that is
 * absent leaves its optional field out; one that is present but cannot be read (a total of
 * "$12.3.4", an empty status) makes the whole sighting undefined. One WooCommerce-specific
 * exception: a total in a currency we have no code for (`kr`, `₩`) is left out rather than
 * dropping the order, since it is the shop's setting and not a misreading.
 */

/** Collapsed, trimmed text of an element ('' when absent). */
function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

function value(el: Element | null | undefined): string {
  return (el?.getAttribute('value') ?? '').replace(/\s+/g, ' ').trim();
}

/** Marker for "present but unreadable": the caller gives up on the whole sighting. */

// ---------------------------------------------------------------------------------------------
// Money: wc_price() output, `<span class="woocommerce-Price-amount amount"><bdi><span
// class="woocommerce-Price-currencySymbol">$</span>1,234.00</bdi></span>`, with the symbol left or
// right, with or without a space, and the shop's own thousand and decimal separators.

/** Currency symbols as WooCommerce prints them, and ISO codes (any `[A-Z]{3}`). */
const SYMBOLS: Readonly<Record<string, string>> = {
  '$': 'USD',
  'US$': 'USD',
  '€': 'EUR',
  '£': 'GBP',
  // WooCommerce prints &yen; for both CNY and JPY; like parseMoney we read it as CNY.
  '¥': 'CNY',
  '￥': 'CNY',
  'CN¥': 'CNY',
  '元': 'CNY',
  'HK$': 'HKD',
  'R$': 'BRL',
  '₹': 'INR',
};

function currencyOf(symbol: string): string | undefined {
  const s = symbol.replace(/\s+/g, '');
  if (/^[A-Z]{3}$/.test(s)) return s;
  return SYMBOLS[s] ?? SYMBOLS[s.toUpperCase()];
}

/**
 * "1,234.56" / "1.234,56" / "1 234,56" / "1'234.56" / "1234" / "1,234" → minor units. WooCommerce
 * prints a fixed number of decimals (2 by default, 0 for some shops), so the last `.` or `,`
 * followed by one or two digits is the decimal separator and one followed by three digits groups
 * thousands. Anything else (two decimal marks, bad grouping, a sign) is undefined.
 */
export function parseWooAmount(raw: string): number | undefined {
  // Spaces and apostrophes only ever group digits (`1 234,56`, `1'234.56`).
  const s = raw.trim().replace(/(?<=\d)[\s\u00a0\u202f'’](?=\d)/gu, '');
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const last = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  let intPart = s;
  let fraction = '';
  if (last >= 0) {
    const tail = s.slice(last + 1);
    if (/^\d{1,2}$/.test(tail)) {
      intPart = s.slice(0, last);
      fraction = tail;
      if (intPart.includes(s[last]!)) return undefined; // two decimal marks
    } else if (!/^\d{3}$/.test(tail)) {
      return undefined;
    }
  }
  const seps = intPart.replace(/\d/g, '');
  if (seps) {
    const group = seps[0]!;
    if ([...seps].some((c) => c !== group)) return undefined;
    const groups = intPart.split(group);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return undefined;
    intPart = groups.join('');
  }
  const major = intPart.replace(/^0+(?=\d)/, '');
  if (major.length > 11) return undefined;
  const amount = Number(major) * 100 + Number(fraction.padEnd(2, '0'));
  return Number.isSafeInteger(amount) && amount <= MAX_AMOUNT_MINOR ? amount : undefined;
}

/**
 * A `span.woocommerce-Price-amount`: undefined when absent or in an unknown currency,
 * UNREADABLE when its number cannot be read.
 */
function readPrice(amount: Element | null | undefined): Read<Money> {
  if (!amount) return undefined;
  const symbolEl = amount.querySelector(S.priceSymbol);
  const all = text(amount);
  let symbol = text(symbolEl);
  let number = all;
  if (symbolEl && symbol) {
    number = all.replace(symbol, '').trim();
  } else {
    // No symbol span (a filter printed a code): `USD 12.00`, `12.00 EUR`.
    const m = /^([^\d.,]*?)\s*(\d.*?)\s*([^\d.,]*)$/u.exec(all);
    if (!m) return UNREADABLE;
    symbol = (m[1] || m[3] || '').trim();
    number = m[2] ?? '';
  }
  const amountMinor = parseWooAmount(number);
  if (amountMinor === undefined) return UNREADABLE;
  const currency = currencyOf(symbol);
  if (!currency) return undefined;
  const parsed = Money.safeParse({ amountMinor, currency });
  return parsed.success ? parsed.data : UNREADABLE;
}

/**
 * The total cell of a list row. `get_formatted_order_total()` prints the net total after refunds
 * as `<del>$99.00</del> <ins><span class="woocommerce-Price-amount">$59.00</span></ins>` (the
 * struck gross has no amount span), so the first amount span is what the order is now worth;
 * a tax note (`<small class="includes_tax">`) comes after it.
 */
function readCellTotal(cell: Element | null): Read<Money> {
  if (!cell) return undefined;
  const amount = cell.querySelector(S.priceAmount);
  if (!amount) return text(cell) === '–' || text(cell) === '' ? undefined : UNREADABLE;
  return readPrice(amount);
}

// ---------------------------------------------------------------------------------------------
// Status

/** WooCommerce's own statuses are kept; drafts are orders nobody has paid for yet. */
const STATUS_ALIASES: Readonly<Record<string, string>> = {
  'checkout-draft': 'pending',
  'draft': 'pending',
  'auto-draft': 'pending',
};

/** `wc-processing` / `processing` / `trash` → the status word; undefined when not a slug. */
export function normalizeStatus(raw: string): string | undefined {
  const slug = raw.trim().toLowerCase().replace(/^wc-/, '');
  if (!/^[a-z0-9][a-z0-9_-]{0,48}$/.test(slug)) return undefined;
  return STATUS_ALIASES[slug] ?? slug;
}

/** The `status-*` class of an element (`status-wc-processing` on legacy rows). */
function statusClass(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  for (const name of Array.from(el.classList)) {
    if (name.startsWith('status-') && name.length > 7) return name.slice(7);
  }
  return undefined;
}

function readRowStatus(row: Element): Read<string> {
  const raw = statusClass(row) ?? statusClass(row.querySelector(S.cellStatus)?.querySelector(S.statusMark));
  if (raw === undefined) return undefined;
  return normalizeStatus(raw) ?? UNREADABLE;
}

// ---------------------------------------------------------------------------------------------
// Buyer

const EMAIL = /^[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;
const EMAIL_IN_TEXT = /[^\s@<>(),;:"]{1,64}@[^\s@<>(),;:"]+\.[A-Za-z]{2,}/;

function emailKey(raw: string | undefined): string | undefined {
  const email = raw?.trim().replace(/^mailto:/i, '').split('?')[0]?.trim().toLowerCase();
  if (!email) return undefined;
  let decoded = email;
  try {
    decoded = decodeURIComponent(email);
  } catch {
    // keep as is
  }
  return EMAIL.test(decoded) ? `email:${decoded}` : undefined;
}

function phoneKey(raw: string | undefined): string | undefined {
  const digits = (raw ?? '').replace(/^tel:/i, '').replace(/\D/g, '');
  return digits.length >= 5 && digits.length <= 20 ? `phone:${digits}` : undefined;
}

function nickKey(name: string | undefined): string | undefined {
  const n = name?.replace(/\s+/g, ' ').trim();
  return n ? `nick:${n}` : undefined;
}

/** Builds a buyer from the identities found, the first present being the key. */
function buyer(keys: ReadonlyArray<string | undefined>, displayName: string | undefined): BuyerSighting | undefined {
  const present = [...new Set(keys.filter((k): k is string => !!k))];
  const [key, ...otherKeys] = present;
  if (!key) return undefined;
  const name = displayName?.trim() || key.slice(key.indexOf(':') + 1);
  const parsed = BuyerSighting.safeParse({ key, otherKeys, displayName: name });
  return parsed.success ? parsed.data : undefined;
}

/**
 * The address of a billing cell without its `<span class="description">via PayPal</span>`,
 * which WooCommerce prints right after the address with no space between.
 */
function addressText(cell: Element): string {
  const parts: string[] = [];
  for (const node of Array.from(cell.childNodes)) {
    if (node.nodeType === 1 && (node as Element).classList.contains('description')) continue;
    parts.push(node.textContent ?? '');
  }
  return parts.join(' ');
}

/** `#1234 Jane Doe` → `Jane Doe` ('' when the order has no buyer name). */
function nameAfterNumber(strongText: string): string {
  return strongText.replace(/^#\S*\s*/, '').trim();
}

function readRowBuyer(row: Element, numberCell: Element): BuyerSighting | undefined {
  const strong = (numberCell.querySelector(S.orderView) ?? numberCell).querySelector(S.orderStrong);
  const name = nameAfterNumber(text(strong));
  const billing = row.querySelector(S.cellBilling);
  let email: string | undefined;
  let phone: string | undefined;
  if (billing) {
    email = emailKey(billing.querySelector(S.mailto)?.getAttribute('href') ?? undefined);
    email ??= emailKey(EMAIL_IN_TEXT.exec(addressText(billing))?.[0]);
    phone = phoneKey(billing.querySelector(S.tel)?.getAttribute('href') ?? undefined);
  }
  return buyer([email, nickKey(name), phone], name || undefined);
}

// ---------------------------------------------------------------------------------------------
// Order list rows

function readRowId(row: Element): string | undefined {
  return /^(?:order|post)-([1-9]\d{0,19})$/.exec(row.id)?.[1];
}

function readDate(el: Element | null | undefined): Read<string> {
  if (!el) return undefined;
  const v = el.getAttribute('datetime')?.trim();
  return v ? v : UNREADABLE;
}


/** One `tr#order-{id}` (HPOS) or `tr#post-{id}` (legacy) of the order list. */
export function extractOrderRow(row: Element): OrderSighting | undefined {
  try {
    if (!row.matches(S.orderRowSelf)) return undefined;
    const numberCell = row.querySelector(S.cellNumber);
    if (!numberCell) return undefined;
    return orderSighting({
      orderId: readRowId(row),
      buyer: readRowBuyer(row, numberCell),
      placedAt: readDate(row.querySelector(S.cellDate)?.querySelector(S.dateTime)),
      total: readCellTotal(row.querySelector(S.cellTotal)),
      status: readRowStatus(row),
    });
  } catch {
    return undefined;
  }
}

/** The chip anchor of a row: `a.order-view`, or the bare `<strong>` of a trashed row. */
export function rowChipAnchor(row: Element): Element | undefined {
  const cell = row.querySelector(S.cellNumber);
  if (!cell) return undefined;
  return cell.querySelector(S.orderView) ?? cell.querySelector(S.orderStrong) ?? undefined;
}

export function rowCheckbox(row: Element): HTMLInputElement | undefined {
  const el = row.querySelector(S.cellCheck)?.querySelector(S.checkbox);
  // localName rather than instanceof: the row may come from another realm (a content script).
  return el?.localName === 'input' ? (el as HTMLInputElement) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Order edit page

function readDetailId(form: Element): string | undefined {
  const postId = value(form.querySelector(S.postId));
  if (/^[1-9]\d{0,19}$/.test(postId)) return postId;
  // HPOS: the form posts back to its own edit URL, `admin.php?page=wc-orders&action=edit&id=N`.
  const action = form.getAttribute('action') ?? '';
  return /[?&]id=([1-9]\d{0,19})(?:&|#|$)/.exec(action.replace(/&amp;/g, '&'))?.[1];
}

function selected(select: Element | null): Element | null {
  if (!select) return null;
  return select.querySelector(S.selectedOption) ?? select.querySelector(S.option);
}

function readDetailStatus(data: Element): Read<string> {
  const select = data.querySelector(S.statusSelect);
  if (!select) return undefined;
  const option = selected(select);
  const raw = option?.getAttribute('value');
  if (!raw) return UNREADABLE;
  return normalizeStatus(raw) ?? UNREADABLE;
}

function readDetailBuyer(data: Element): BuyerSighting | undefined {
  // The customer select: `<option value="12" selected>Jane Doe (#12 – jane@example.com)</option>`,
  // or an option with an empty value for a guest.
  const option = selected(data.querySelector(S.customerSelect));
  const customerId = option?.getAttribute('value')?.trim() ?? '';
  const registered = /^[1-9]\d{0,19}$/.test(customerId);
  const optionText = text(option);
  const customerName = registered ? optionText.replace(/\s*\(#\d+\s*[–—-].*\)\s*$/u, '').trim() : '';
  const customerEmail = registered ? /\(#\d+\s*[–—-]\s*([^()\s]+)\)\s*$/u.exec(optionText)?.[1] : undefined;

  const address = data.querySelector(S.addressView);
  const email =
    emailKey(value(data.querySelector(S.billingEmail))) ??
    emailKey(address?.querySelector(S.mailto)?.getAttribute('href') ?? undefined) ??
    emailKey(customerEmail);
  const phone =
    phoneKey(value(data.querySelector(S.billingPhone))) ??
    phoneKey(address?.querySelector(S.tel)?.getAttribute('href') ?? undefined);
  const billingName = [value(data.querySelector(S.billingFirstName)), value(data.querySelector(S.billingLastName))]
    .filter(Boolean)
    .join(' ');
  // The list shows the billing name, else the company, else the account's name: same order here.
  const name = billingName || value(data.querySelector(S.billingCompany)) || customerName;
  return buyer([registered ? `customerId:${customerId}` : undefined, email, nickKey(name), phone], name || undefined);
}

function readQuantity(cell: Element | null): number | undefined {
  const view = cell?.querySelector(S.view) ?? cell;
  // `<small class="times">×</small> 2`, then maybe `<small class="refunded">-1</small>`.
  const m = /^\s*[×x*]?\s*(\d{1,7})(?!\d)/u.exec(text(view));
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function readItems(form: Element): Read<LineItem[]> {
  const body = form.querySelector(S.lineItems);
  if (!body) return undefined;
  const rows = Array.from(body.querySelectorAll(S.lineItem));
  if (rows.length === 0) return undefined;
  const items: LineItem[] = [];
  for (const row of rows) {
    const nameCell = row.querySelector(S.itemNameCell);
    const name = text(nameCell?.querySelector(S.itemName)) || (nameCell?.getAttribute('data-sort-value') ?? '').trim();
    const quantity = readQuantity(row.querySelector(S.itemQtyCell));
    if (!name || quantity === undefined) return UNREADABLE;
    let unitPrice = readPrice(row.querySelector(S.itemCostCell)?.querySelector(S.priceAmount));
    if (unitPrice === UNREADABLE) return UNREADABLE;
    if (unitPrice === undefined) {
      // No cost column: the line total divided by the quantity, when it divides exactly.
      const line = readPrice(row.querySelector(S.itemLineCell)?.querySelector(S.priceAmount));
      if (line === UNREADABLE) return UNREADABLE;
      if (line && line.amountMinor % quantity === 0) {
        unitPrice = { amountMinor: line.amountMinor / quantity, currency: line.currency };
      }
    }
    items.push(unitPrice ? { name, quantity, unitPrice } : { name, quantity });
  }
  return items;
}

/**
 * The order total net of refunds, as the list shows it: the last `td.total` of the first
 * totals table ("Order Total"), minus the `td.refunded-total` ("Refunded") when there is one.
 */
function readDetailTotal(form: Element): Read<Money> {
  const table = form.querySelector(S.totalsTable);
  if (!table) return undefined;
  const cells = table.querySelectorAll(S.totalCell);
  const last = cells[cells.length - 1];
  if (!last) return undefined;
  const total = readPrice(last.querySelector(S.priceAmount));
  if (total === undefined || total === UNREADABLE) return total === undefined ? undefined : UNREADABLE;
  const refundedCell = form.querySelector(S.refundedCell);
  if (!refundedCell) return total;
  const refunded = readPrice(refundedCell.querySelector(S.priceAmount));
  if (refunded === UNREADABLE || (refunded && refunded.currency !== total.currency)) return UNREADABLE;
  if (!refunded) return total;
  const net = total.amountMinor - refunded.amountMinor;
  return net >= 0 ? { amountMinor: net, currency: total.currency } : UNREADABLE;
}

/**
 * The order edit form (`form#order` in HPOS, `form#post` legacy). The date is left out: the
 * edit page prints it in the site's time zone without an offset (the list has it with one).
 */
export function extractOrderDetail(form: Element): OrderSighting | undefined {
  try {
    if (!form.matches(S.detailSelf)) return undefined;
    const data = form.querySelector(S.orderData);
    if (!data) return undefined;
    return orderSighting({
      orderId: readDetailId(form),
      buyer: readDetailBuyer(data),
      placedAt: undefined,
      total: readDetailTotal(form),
      status: readDetailStatus(data),
      items: readItems(form),
    });
  } catch {
    return undefined;
  }
}

export function detailChipAnchor(form: Element): Element | undefined {
  return form.querySelector(S.orderData)?.querySelector(S.detailHeading) ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// Shop

/** The shop: the site's host, named by the admin bar's site title (the host when it has none). */
export function extractShop(url: URL, doc: Document): ShopRef | undefined {
  try {
    if (!url.host) return undefined;
    const name = text(doc.querySelector(S.siteName)) || url.host;
    const parsed = ShopRef.safeParse({ platform: 'woocommerce', key: url.host, name: name.slice(0, 200) });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
