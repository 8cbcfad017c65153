/**
 * What an import commit did, counted by the import.records mutator batch after batch (it travels
 * on the WriteContext) and turned into the ImportSummary the owner sees.
 */
export interface ImportReport {
  orders: { added: number; updated: number; unchanged: number };
  /** Each customer the file touched, with the strongest thing that happened to it. */
  customers: Map<string, CustomerOutcome>;
  skippedForgotten: number;
  /** Distinct pairs of live customers one buyer's keys pointed at. */
  possibleDuplicates: Set<string>;
}

export type CustomerOutcome = 'added' | 'updated' | 'unchanged';

const STRENGTH: Record<CustomerOutcome, number> = { unchanged: 0, updated: 1, added: 2 };

export function emptyImportReport(): ImportReport {
  return {
    orders: { added: 0, updated: 0, unchanged: 0 },
    customers: new Map(),
    skippedForgotten: 0,
    possibleDuplicates: new Set(),
  };
}

/** A customer added in one batch and updated in a later one was still added by this file. */
export function noteCustomer(report: ImportReport, customerId: string, outcome: CustomerOutcome): void {
  const before = report.customers.get(customerId);
  if (!before || STRENGTH[outcome] > STRENGTH[before]) report.customers.set(customerId, outcome);
}

export function customerCounts(report: ImportReport): { added: number; updated: number; unchanged: number } {
  const counts = { added: 0, updated: 0, unchanged: 0 };
  for (const outcome of report.customers.values()) counts[outcome]++;
  return counts;
}
