import Dexie, { type EntityTable } from 'dexie';
import type { Customer, Note, OrderRecord, Shop, Tag, Tagging } from '../model/entities';
import type { OutboxEntry } from '../model/mutation';

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
      // mid is the mutation id sync numbers pushes by: increasing, never reused.
      outbox: '++mid',
      meta: 'key',
    });
  }

  /** Every table a user write may touch, for one all-or-nothing transaction. */
  get writeTables() {
    return [this.shops, this.customers, this.orders, this.tags, this.taggings, this.notes, this.outbox, this.meta];
  }
}
