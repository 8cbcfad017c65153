import { describe, expect, it } from 'vitest';
import { RFM_GROUP_GRID, RFM_GROUPS, rfmGroup } from '@/lib/insights/rfm-groups';
import type { RfmGroup } from '@/lib/insights/types';

/** The mapping as the lead documented it, cell by cell: [R, FM, group]. */
const CELLS: [number, number, RfmGroup][] = [
  [5, 1, 'new'], [5, 2, 'new'], [5, 3, 'active'], [5, 4, 'champions'], [5, 5, 'champions'],
  [4, 1, 'promising'], [4, 2, 'promising'], [4, 3, 'active'], [4, 4, 'loyal'], [4, 5, 'loyal'],
  [3, 1, 'needs_attention'], [3, 2, 'needs_attention'], [3, 3, 'needs_attention'], [3, 4, 'loyal'], [3, 5, 'loyal'],
  [2, 1, 'almost_lost'], [2, 2, 'almost_lost'], [2, 3, 'at_risk'], [2, 4, 'at_risk'], [2, 5, 'previously_loyal'],
  [1, 1, 'dormant'], [1, 2, 'dormant'], [1, 3, 'at_risk'], [1, 4, 'at_risk'], [1, 5, 'previously_loyal'],
];

describe('rfmGroup', () => {
  it.each(CELLS)('R=%i FM=%i → %s', (r, fm, group) => {
    // F = M = FM gives FM exactly.
    expect(rfmGroup({ r, f: fm, m: fm })).toBe(group);
    expect(RFM_GROUP_GRID[5 - r]![fm - 1]).toBe(group);
  });

  it('FM = round((F + M) / 2), halves rounding up', () => {
    expect(rfmGroup({ r: 5, f: 1, m: 2 })).toBe('new'); // 1.5 → 2
    expect(rfmGroup({ r: 5, f: 2, m: 3 })).toBe('active'); // 2.5 → 3
    expect(rfmGroup({ r: 5, f: 3, m: 4 })).toBe('champions'); // 3.5 → 4
    expect(rfmGroup({ r: 2, f: 4, m: 5 })).toBe('previously_loyal'); // 4.5 → 5
    expect(rfmGroup({ r: 1, f: 5, m: 1 })).toBe('at_risk'); // 3
    expect(rfmGroup({ r: 4, f: 1, m: 5 })).toBe('active'); // 3
  });

  it('forces out-of-range scores into 1..5 rather than failing', () => {
    expect(rfmGroup({ r: 9, f: 9, m: 9 })).toBe('champions');
    expect(rfmGroup({ r: 0, f: -3, m: NaN })).toBe('dormant');
    expect(rfmGroup({ r: 4.6, f: 5, m: 5 })).toBe('champions');
  });

  it('the grid is 5×5 and uses every group but prospects', () => {
    expect(RFM_GROUP_GRID).toHaveLength(5);
    for (const row of RFM_GROUP_GRID) expect(row).toHaveLength(5);
    expect(new Set(RFM_GROUP_GRID.flat())).toEqual(new Set(RFM_GROUPS.filter((g) => g !== 'prospects')));
  });
});

describe('RFM_GROUPS', () => {
  it('lists all 11 groups once, best first, prospects last', () => {
    expect(RFM_GROUPS).toHaveLength(11);
    expect(new Set(RFM_GROUPS).size).toBe(11);
    expect(RFM_GROUPS[0]).toBe('champions');
    expect(RFM_GROUPS.at(-1)).toBe('prospects');
  });
});
