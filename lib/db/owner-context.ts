import type { JobProgress } from '../rpc/protocol-owner';
import type { BuyerLensDb } from './database';
import type { InsightEngine } from './insights';
import type { Mutation } from './write';

/** What the owner's handlers (service-lists, service-data) share with the core service. */
export interface OwnerContext {
  readonly db: BuyerLensDb;
  readonly engine: InsightEngine;
  readonly now: () => number;
  readonly message: (key: string, params?: Record<string, string | number>) => string;
  /** The one write path: applyMutations, then the insight engine follows, then open pages are told. */
  readonly write: (shopId: string, mutations: Mutation[]) => Promise<boolean>;
  /**
   * Tell every follower (open pages, in-memory caches such as the customer table's facts) that a
   * shop's data changed. `write` calls it; a job that commits outside `write` (import, restore,
   * merge undo) must call it after its transaction.
   */
  readonly changed: (shopId: string) => void;
  /** Follow changes (for caches); returns the unsubscribe. */
  readonly onChanged: (listener: (shopId: string) => void) => () => void;
  readonly authorName: () => Promise<string>;
  readonly progress: (p: JobProgress) => void;
}
