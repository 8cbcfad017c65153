import { OrderSighting, type BuyerSighting, type LineItem } from '../../model/sighting';
import { ImportedCustomer, type MapResult } from './types';
import { cleanEmail, cleanPhone } from './values';

export const MAX_ITEMS = 200;

/** Validates an order with the model schema; a failure becomes a problem on its line. */
export function emitOrder(out: MapResult, line: number, candidate: unknown): void {
  const r = OrderSighting.safeParse(candidate);
  if (r.success) out.orders.push(r.data);
  else out.problems.push({ line, message: 'import.problem.invalidRecord', params: { field: issuePath(r.error.issues) } });
}

export function emitCustomer(out: MapResult, line: number, candidate: unknown): void {
  const r = ImportedCustomer.safeParse(candidate);
  if (r.success) out.customers.push(r.data);
  else out.problems.push({ line, message: 'import.problem.invalidRecord', params: { field: issuePath(r.error.issues) } });
}

function issuePath(issues: readonly { path: readonly PropertyKey[] }[]): string {
  return issues[0]?.path.map(String).join('.') || '-';
}

/**
 * Builds orders that may span several consecutive rows (one per line item), and reports an order
 * id seen again after another order came between (the file repeats or interleaves orders).
 */
export class OrderAssembler {
  private current:
    | { line: number; orderId: string; order?: Omit<OrderSighting, 'items'>; items: LineItem[]; overflow: boolean }
    | undefined;
  private readonly seen = new Map<string, number>();

  /** The open order's id, so a mapper can tell a continuation row from a new order. */
  get openId(): string | undefined {
    return this.current?.orderId;
  }

  /**
   * Marks `orderId` open without emitting it (its first row was unusable), so the rest of its
   * rows are swallowed instead of each reporting a problem.
   */
  skip(out: MapResult, orderId: string): void {
    this.flush(out);
    this.current = { line: 0, orderId, items: [], overflow: false };
  }

  /** Starts an order (flushing the previous one); false (with a problem) when the id was already used. */
  open(out: MapResult, line: number, order: Omit<OrderSighting, 'items'>): boolean {
    this.flush(out);
    const first = this.seen.get(order.orderId);
    if (first !== undefined) {
      out.problems.push({ line, message: 'import.problem.duplicateOrder', params: { orderId: order.orderId, firstLine: first } });
      this.current = { line, orderId: order.orderId, items: [], overflow: false };
      return false;
    }
    this.seen.set(order.orderId, line);
    this.current = { line, orderId: order.orderId, order, items: [], overflow: false };
    return true;
  }

  addItem(out: MapResult, line: number, item: LineItem): void {
    const cur = this.current;
    if (!cur?.order) return;
    if (cur.items.length >= MAX_ITEMS) {
      if (!cur.overflow) out.problems.push({ line, message: 'import.problem.tooManyItems', params: { orderId: cur.order.orderId, max: MAX_ITEMS } });
      cur.overflow = true;
      return;
    }
    cur.items.push(item);
  }

  flush(out: MapResult): void {
    const cur = this.current;
    this.current = undefined;
    if (!cur?.order) return;
    emitOrder(out, cur.line, cur.items.length ? { ...cur.order, items: cur.items } : cur.order);
  }
}

/** Adds `email:`/`phone:` keys not already the primary key (deduplicated, at most 10). */
export function otherKeys(primary: string, candidates: (string | undefined)[]): string[] {
  const keys: string[] = [];
  for (const k of candidates) if (k && k !== primary && !keys.includes(k) && keys.length < 10) keys.push(k);
  return keys;
}

export function emailKey(raw: string | undefined): string | undefined {
  const e = cleanEmail(raw);
  return e ? `email:${e}` : undefined;
}

export function phoneKey(raw: string | undefined): string | undefined {
  const p = cleanPhone(raw);
  return p ? `phone:${p}` : undefined;
}

export function nickKey(raw: string | undefined): string | undefined {
  const n = (raw ?? '').trim().replace(/\s+/g, ' ');
  return n ? `nick:${n.slice(0, 190)}` : undefined;
}

export function customerIdKey(raw: string | undefined): string | undefined {
  const id = (raw ?? '').trim().replace(/^'/, '');
  return id && id !== '0' ? `customerId:${id.slice(0, 180)}` : undefined;
}

export type { BuyerSighting };
