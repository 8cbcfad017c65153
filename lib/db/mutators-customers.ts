import type { Mutators } from './mutators';

type CustomerMutation = 'import.records' | 'customer.merge' | 'customer.forget' | 'customer.readmit';

/** Mutators of the owner's customer data: imported batches, merges, forgetting. */
export const CUSTOMER_MUTATORS: Mutators<CustomerMutation> = {
  async 'import.records'() {
    throw new Error('not built yet');
  },
  async 'customer.merge'() {
    throw new Error('not built yet');
  },
  async 'customer.forget'() {
    throw new Error('not built yet');
  },
  async 'customer.readmit'() {
    throw new Error('not built yet');
  },
};
