import Dexie, { type EntityTable } from 'dexie';
import type { ActionState, Customer, Note, OrderRecord, Shop, ShopSetting, Tag, Tagging } from '../model/entities';
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
    ];
  }
}
