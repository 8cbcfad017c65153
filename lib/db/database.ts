import Dexie, { type EntityTable } from 'dexie';
import type { ActionState, Customer, ForgottenKey, Note, OrderRecord, Segment, Shop, ShopSetting, Tag, Tagging } from '../model/entities';
import type { CustomerAggregate } from '../insights/types';
import type { SiteRecipe } from '../model/recipe';
import type { OutboxEntry } from '../model/mutation';

/** Derived, never synced: a customer's figures, kept up to date as their orders change. */
export interface AggregateRow extends CustomerAggregate {
  customerId: string;
  shopId: string;
  /** The buyer's own usual purchase cycle in days, when two or more dated orders give one. */
  cycleDays?: number;
}

/** A taught site recipe, synced like any team record (shopId is `recipe:<host>`). */
export type RecipeRow = SiteRecipe & { shopId: string; hlc: string; updatedBy: string; deleted: boolean };

/**
 * Work in progress of a long job (an import or a restore): its records wait here, batch by
 * batch, until the job commits them all in one transaction or is cancelled. Never synced.
 */
export interface StagingRow {
  seq?: number;
  jobId: string;
  /** What the payload holds, e.g. 'import' (an import.records batch) or a table name (restore). */
  kind: string;
  payload: unknown;
}

/** A local job's state; staged rows hang off it. */
export interface JobRow {
  id: string;
  kind: 'import' | 'restore';
  /** Job-specific description: the shop, the file name, the backup header... */
  info: unknown;
  startedAt: number;
  staged: number;
}

/** What a merge replaced, kept locally so the merge can be undone until it is synced. */
export interface MergeRow {
  id: string;
  shopId: string;
  survivorId: string;
  mergedIds: string[];
  at: number;
  /** The outbox mid of the merge: undo is offered while that entry is still unsent. */
  mid: number;
  /** Every record the merge changed, as it was before. */
  before: {
    customers: Customer[];
    orders: OrderRecord[];
    taggings: Tagging[];
    notes: Note[];
    actionStates: ActionState[];
  };
}

/**
 * A synced record as the server last sent it (or `row: null`: the server had none), kept from the
 * first local write to it after a pull until the next pull, which puts it back before applying
 * the server's changes and re-applying the still pending mutations (the rebase). Never synced.
 */
export interface SyncBaseRow {
  /** `table\nid` */
  key: string;
  table: string;
  row: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The one database, opened only in the extension's origin (the background, and tests).
 * A content script's IndexedDB would belong to the merchant's page: never open this there.
 */
export class BuyerLensDb extends Dexie {
  shops!: EntityTable<Shop, 'id'>;
  customers!: EntityTable<Customer, 'id'>;
  orders!: EntityTable<OrderRecord, 'id'>;
  tags!: EntityTable<Tag, 'id'>;
  taggings!: EntityTable<Tagging, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  actionStates!: EntityTable<ActionState, 'id'>;
  shopSettings!: EntityTable<ShopSetting, 'id'>;
  aggregates!: EntityTable<AggregateRow, 'customerId'>;
  recipes!: EntityTable<RecipeRow, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'mid'>;
  meta!: EntityTable<MetaRow, 'key'>;
  segments!: EntityTable<Segment, 'id'>;
  forgotten!: EntityTable<ForgottenKey, 'id'>;
  staging!: EntityTable<StagingRow, 'seq'>;
  jobs!: EntityTable<JobRow, 'id'>;
  merges!: EntityTable<MergeRow, 'id'>;
  syncBase!: EntityTable<SyncBaseRow, 'key'>;

  constructor(name = 'buyerlens') {
    super(name);
    this.version(1).stores({
      shops: 'id',
      customers: 'id, shopId, *keys',
      orders: 'id, shopId, customerId, [shopId+placedAt]',
      tags: 'id, shopId',
      taggings: 'id, shopId, customerId, tagId',
      notes: 'id, shopId, customerId',
      actionStates: 'id, shopId, customerId',
      shopSettings: 'id, shopId',
      // Derived figures per customer: rebuilt from orders, so never synced.
      aggregates: 'customerId, shopId',
      recipes: 'id, origin',
      // mid is the mutation id sync numbers pushes by: increasing, never reused.
      outbox: '++mid',
      meta: 'key',
    });
    // Owners' lists (issue 5): saved segments, forgotten buyers, staged jobs, undoable merges.
    this.version(2).stores({
      segments: 'id, shopId',
      forgotten: 'id, shopId',
      staging: '++seq, jobId',
      jobs: 'id',
      merges: 'id, shopId',
    });
    // Sync (issue 6): what the server last said of each record a pending mutation changed.
    this.version(3).stores({ syncBase: 'key' });
  }

  /** Every table a user write may touch, for one all-or-nothing transaction. */
  get writeTables() {
    return [
      this.shops,
      this.customers,
      this.orders,
      this.tags,
      this.taggings,
      this.notes,
      this.actionStates,
      this.shopSettings,
      this.aggregates,
      this.recipes,
      this.outbox,
      this.meta,
      this.segments,
      this.forgotten,
      this.merges,
      this.syncBase,
    ];
  }
}
