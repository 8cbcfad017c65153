import type { DuplicateGroup } from '@/lib/model/owner';
import type { RpcInput } from '@/lib/rpc/protocol';

export type DuplicateCustomer = DuplicateGroup['customers'][number];
export const MERGE_FIELDS = ['displayName', 'email', 'phone'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Who survives a merge, and per field whose value stays (a customer id). */
export interface MergeChoice {
  survivorId: string;
  keep: Partial<Record<MergeField, string>>;
}

export function fieldValue(c: DuplicateCustomer, field: MergeField): string | undefined {
  const v = c[field];
  return v && v.trim() ? v : undefined;
}

/**
 * The choice a merge dialog opens with: the customer with the most orders (then the most spent)
 * survives, and each field keeps the survivor's value, or the first customer's who has one.
 */
export function defaultChoice(customers: readonly DuplicateCustomer[], survivorId?: string): MergeChoice {
  const ranked = [...customers].sort((a, b) => b.orderCount - a.orderCount || b.totalMinor - a.totalMinor);
  const survivor = customers.find((c) => c.id === survivorId) ?? ranked[0]!;
  const keep: MergeChoice['keep'] = {};
  for (const field of MERGE_FIELDS) {
    const holder = fieldValue(survivor, field) ? survivor : customers.find((c) => fieldValue(c, field));
    if (holder) keep[field] = holder.id;
  }
  return { survivorId: survivor.id, keep };
}

/** The customers.merge request for a choice: everyone but the survivor is merged into it. */
export function mergeRequest(shopId: string, customers: readonly DuplicateCustomer[], choice: MergeChoice): RpcInput<'customers.merge'> {
  return {
    shopId,
    survivorId: choice.survivorId,
    mergedIds: customers.map((c) => c.id).filter((id) => id !== choice.survivorId),
    keep: { ...choice.keep },
  };
}
