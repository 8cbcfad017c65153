/** Types for demo/data.mjs (plain JavaScript, no build step). */

export type DemoStatus = 'paid' | 'shipped' | 'delivered' | 'refunded' | 'cancelled';

export interface DemoBuyer {
  index: number;
  name: string;
  nick: string;
  latin: boolean;
}

export interface DemoItem {
  name: string;
  qty: number;
  /** Unit price in fen. */
  priceMinor: number;
}

export interface DemoOrder {
  id: string;
  buyerIndex: number;
  placedMs: number;
  /** ISO 8601 with +08:00. */
  placedAt: string;
  status: DemoStatus;
  items: DemoItem[];
  subtotalMinor: number;
  shippingMinor: number;
  totalMinor: number;
  currency: 'CNY';
  carrier: string | null;
  trackingNo: string | null;
  address: string;
  phone: string;
  note: string;
}

export interface DemoMessage {
  id: string;
  from: 'buyer' | 'agent';
  text: string;
  at: string;
}

export interface DemoConversation {
  id: string;
  buyerIndex: number;
  nick: string;
  displayName: string;
  messages: DemoMessage[];
  unread: number;
}

export interface DemoData {
  now: string;
  shop: { key: string; name: string; currency: string };
  buyers: DemoBuyer[];
  /** Newest first, the order list's order. */
  orders: DemoOrder[];
  byId: Map<string, DemoOrder>;
  ordersByBuyer: DemoOrder[][];
  conversations: DemoConversation[];
  conversationsById: Map<string, DemoConversation>;
}

export const NOW_ISO: string;
export const NOW_MS: number;
export const SHOP: { readonly key: string; readonly name: string; readonly currency: string };
export const STATUSES: readonly DemoStatus[];
export const HOSTILE_BUYER: { readonly name: string; readonly nick: string };
export function createRng(seed: number): {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
};
export function toShanghaiIso(ms: number): string;
export function formatCny(fen: number): string;
export function generateData(options?: { orderCount?: number; seed?: number }): DemoData;
