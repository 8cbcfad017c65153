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
  readonly onChange: (shopId: string) => void;
  readonly authorName: () => Promise<string>;
  readonly progress: (p: JobProgress) => void;
}
