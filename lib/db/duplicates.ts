import type { Customer } from '../model/entities';
import type { DuplicateGroup } from '../model/owner';
import type { AggregateRow, BuyerLensDb } from './database';

/** Shorter digit strings (extensions, typos) are too weak to call two people one. */
const MIN_PHONE_DIGITS = 6;

/** The facets by which two customers look like one person, each already normalised. */
export function likenessOf(c: Pick<Customer, 'displayName' | 'email' | 'phone' | 'keys'>): Array<[DuplicateGroup['reason'], string, string]> {
  const out: Array<[DuplicateGroup['reason'], string, string]> = [];
  const emails = new Set<string>();
  const phones = new Map<string, string>();
  const addEmail = (e: string | undefined) => e?.trim() && emails.add(e.trim().toLowerCase());
  const addPhone = (p: string | undefined) => {
    const digits = (p ?? '').replace(/\D/g, '');
    if (digits.length >= MIN_PHONE_DIGITS && !phones.has(digits)) phones.set(digits, p!.trim());
  };
  addEmail(c.email);
  addPhone(c.phone);
  for (const k of c.keys) {
    if (k.startsWith('email:')) addEmail(k.slice(6));
    if (k.startsWith('phone:')) addPhone(k.slice(6));
  }
  for (const e of emails) out.push(['email', e, e]);
  for (const [digits, shown] of phones) out.push(['phone', digits, shown]);
  const name = c.displayName.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
  if (name) out.push(['name', name, c.displayName.trim()]);
  return out;
}

/**
 * Live, unmerged customers of a shop sharing an email, a phone number (digits only) or a name
 * (case and spaces folded), grouped; biggest groups first. One pass over the shop's customers.
 */
export async function findDuplicates(db: BuyerLensDb, shopId: string, limit: number): Promise<DuplicateGroup[]> {
  const [customers, aggregates] = await Promise.all([
    db.customers.where('shopId').equals(shopId).toArray(),
    db.aggregates.where('shopId').equals(shopId).toArray(),
  ]);
  const groups = new Map<string, { reason: DuplicateGroup['reason']; value: string; members: Customer[] }>();
  for (const c of customers) {
    if (c.deleted || c.mergedInto) continue;
    for (const [reason, norm, shown] of likenessOf(c)) {
      const id = `${reason}\n${norm}`;
      const group = groups.get(id) ?? groups.set(id, { reason, value: shown, members: [] }).get(id)!;
      group.members.push(c);
    }
  }
  const aggregateOf = new Map<string, AggregateRow>(aggregates.map((a) => [a.customerId, a]));
  const order = { email: 0, phone: 1, name: 2 } as const;
  return [...groups.values()]
    .filter((g) => g.members.length > 1)
    .sort((a, b) => b.members.length - a.members.length || order[a.reason] - order[b.reason] || a.value.localeCompare(b.value))
    .slice(0, limit)
    .map((g) => ({
      reason: g.reason,
      value: g.value,
      customers: g.members.map((c) => {
        const agg = aggregateOf.get(c.id);
        return {
          id: c.id,
          displayName: c.displayName,
          keys: c.keys,
          ...(c.email ? { email: c.email } : {}),
          ...(c.phone ? { phone: c.phone } : {}),
          orderCount: agg?.orderCount ?? 0,
          totalMinor: agg?.totalMinor ?? 0,
          ...(agg?.currency ? { currency: agg.currency } : {}),
          ...(agg?.lastAt !== undefined ? { lastAt: agg.lastAt } : {}),
        };
      }),
    }));
}
