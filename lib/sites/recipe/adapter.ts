import type { SiteRecipe } from '../../model/recipe';
import { BuyerSighting, OrderSighting, ShopRef, type Money } from '../../model/sighting';
import { parseMoney } from '../money';
import type { OrderListAdapter, PageKind, SiteAdapter } from '../types';

/**
 * A site the user taught BuyerLens ("Teach this page"): its recipe says where the rows are and,
 * relative to a row, where the buyer (and optionally the order id, date and total) is.
 *
 * Rules, like every adapter's: pure, never throws, returns validated sightings or undefined.
 * A taught page is less certain than a built-in one, so optional fields we cannot read with
 * certainty (a total of "—", a date that is not ISO-like) are left out rather than dropping the
 * row; the buyer and, for orders, the order id are required.
 */

/** Collapsed, trimmed text of an element ('' when absent). */
function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function find(row: Element, selector: string | undefined): Element | undefined {
  if (!selector) return undefined;
  try {
    return row.querySelector(selector) ?? undefined;
  } catch {
    return undefined;
  }
}

export function readRecipeBuyer(el: Element | undefined): BuyerSighting | undefined {
  const name = text(el);
  if (!name) return undefined;
  const parsed = BuyerSighting.safeParse({ key: `nick:${name}`, displayName: name });
  return parsed.success ? parsed.data : undefined;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * A date as the page wrote it, to ISO 8601 with offset, or undefined when unsure.
 * With an offset (`2026-03-01T10:00:00+08:00`, `…Z`): as written. Without one
 * (`2026-03-01`, `2026-03-01 10:20`, `2026-03-01T10:20:30`): the browser's local time, the way
 * the admin printed it for this user; left out when that local time does not exist or happens
 * twice (a daylight-saving change), or the date is not a real date.
 */
export function parseLocalDate(value: string): string | undefined {
  const s = value.trim();
  if (WITH_OFFSET.test(s)) {
    return Number.isNaN(new Date(s).getTime()) ? undefined : s;
  }
  const m = LOCAL.exec(s);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(year, month - 1, day, hour, minute, second);
  const same = (t: Date) =>
    t.getFullYear() === year && t.getMonth() === month - 1 && t.getDate() === day && t.getHours() === hour && t.getMinutes() === minute && t.getSeconds() === second;
  if (!same(date)) return undefined; // 2026-02-30, or a time skipped by a DST change
  const ms = date.getTime();
  if (same(new Date(ms - 3_600_000)) || same(new Date(ms + 3_600_000))) return undefined; // happens twice
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** From a `<time datetime>` (the element or one inside it), else ISO-like text. */
function readDate(el: Element | undefined): string | undefined {
  if (!el) return undefined;
  const time = el.localName === 'time' && el.hasAttribute('datetime') ? el : el.querySelector('time[datetime]');
  const value = time ? (time.getAttribute('datetime') ?? '') : text(el);
  return parseLocalDate(value);
}

function readTotal(el: Element | undefined): Money | undefined {
  const value = text(el);
  return value ? parseMoney(value) : undefined;
}

export function recipeAdapter(recipe: SiteRecipe): SiteAdapter {
  const { fields } = recipe;
  const matches = (url: URL) => url.origin === recipe.origin && url.pathname.startsWith(recipe.pathPrefix);

  const buyerOnly = (row: Element): BuyerSighting | undefined => {
    try {
      return readRecipeBuyer(find(row, fields.buyer));
    } catch {
      return undefined;
    }
  };

  const orderList: OrderListAdapter = {
    rowSelector: recipe.rowSelector,
    extract(row) {
      if (!fields.orderId) return undefined;
      try {
        const buyer = buyerOnly(row);
        const orderId = text(find(row, fields.orderId));
        if (!buyer || !orderId) return undefined;
        const candidate: Record<string, unknown> = { orderId, buyer };
        const placedAt = readDate(find(row, fields.date));
        if (placedAt) candidate.placedAt = placedAt;
        const total = readTotal(find(row, fields.total));
        if (total) candidate.total = total;
        const parsed = OrderSighting.safeParse(candidate);
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    buyerOnly,
    chipAnchor: (row) => find(row, fields.buyer),
    checkbox(row) {
      const el = find(row, 'input[type="checkbox"]');
      // localName rather than instanceof: the row may come from another realm (a content script).
      return el?.localName === 'input' ? (el as HTMLInputElement) : undefined;
    },
  };

  return {
    id: 'recipe',
    name: recipe.name,
    hostPatterns: [`${recipe.origin}/*`],
    detect: (url): PageKind | undefined => (matches(url) ? 'order-list' : undefined),
    shop(url) {
      if (url.origin !== recipe.origin) return undefined;
      const parsed = ShopRef.safeParse({ platform: 'recipe', key: url.host, name: recipe.name });
      return parsed.success ? parsed.data : undefined;
    },
    orderList,
  };
}
