import { forgetCustomer, readmitCustomer } from './forget';
import { importRecords } from './import-records';
import { mergeCustomers } from './merge';
import type { Mutators } from './mutators';

type CustomerMutation = 'import.records' | 'customer.merge' | 'customer.forget' | 'customer.readmit';

/** Mutators of the owner's customer data: imported batches, merges, forgetting. */
export const CUSTOMER_MUTATORS: Mutators<CustomerMutation> = {
  'import.records': importRecords,
  'customer.merge': mergeCustomers,
  'customer.forget': forgetCustomer,
  'customer.readmit': readmitCustomer,
};
