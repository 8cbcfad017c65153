/**
 * Shared shapes of lib/insights. Everything here is pure data: dates are epoch milliseconds,
 * money is integer minor units (fen, cents), and text a person reads is an i18n key with
 * parameters that the UI translates.
 */

export const DAY_MS = 86_400_000;

/** One order as insights see it. Dates are epoch ms; undefined when the page/export gave none. */
export interface OrderFact {
  orderId: string;
  placedAt?: number;
  totalMinor?: number;
  currency?: string;
  status?: string;
}

/** Per-customer figures kept up to date as orders arrive (stored by the lead in IndexedDB). */
export interface CustomerAggregate {
  /** Counted orders (see isCountedStatus). */
  orderCount: number;
  /** Sum of counted totals in `currency`, integer minor units. */
  totalMinor: number;
  /** The currency most of the counted orders (with a usable total) are in; ties: alphabetical. */
  currency: string | undefined;
  /** Counted orders in other currencies (not in totalMinor). */
  otherCurrencyOrders: number;
  /** Counted orders without a usable total (missing, NaN, negative, fractional). */
  unknownTotalOrders: number;
  /** Earliest / latest placedAt of counted, dated orders. */
  firstAt?: number;
  lastAt?: number;
  /**
   * The latest counted dated order placed at least one day before lastAt (for "won back").
   * Orders within a day of lastAt are the same visit, so a returning buyer who places two
   * orders on the day they come back still shows the long pause before it.
   */
  prevAt?: number;
  /** Counted orders with a date. */
  datedCount: number;
  /** Of the latest order by date (counted or not). */
  lastOrderId?: string;
  lastStatus?: string;
}

export type { LifecycleStage, RfmGroup } from '../model/insight-names';

/** Each 1..5, 5 = best. */
export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/** A reason a person reads: an i18n key and its parameters (the UI translates). */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

export { LIFECYCLE_STAGES } from '../model/insight-names';
