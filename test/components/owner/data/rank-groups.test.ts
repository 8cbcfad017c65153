import { describe, expect, it } from 'vitest';
import { rankGroups } from '@/components/owner/data/DuplicatesSection';
import type { DuplicateGroup } from '@/lib/model/owner';

const customer = (id: string) => ({ id, displayName: id, keys: [`nick:${id}`], orderCount: 1, totalMinor: 100 });
const group = (reason: DuplicateGroup['reason'], size: number, value: string = reason): DuplicateGroup => ({
  reason,
  value,
  customers: Array.from({ length: size }, (_, i) => customer(`${value}-${i}`)),
});

describe('rankGroups', () => {
  it('lists shared e-mails, then phones, then names, bigger groups first within each', () => {
    const ranked = rankGroups([group('name', 5, '王军'), group('phone', 2), group('email', 2, 'a'), group('email', 3, 'b'), group('name', 2, '李娜')]);
    expect(ranked.map((g) => `${g.reason}:${g.customers.length}`)).toEqual(['email:3', 'email:2', 'phone:2', 'name:5', 'name:2']);
  });
});
