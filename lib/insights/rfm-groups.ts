import type { RfmGroup, RfmScores } from './types';

/**
 * The one mapping from RFM scores to a group, after Shopify's group descriptions.
 * Rows are R = 5 (ordered most recently) down to R = 1; columns are FM = 1..5, where
 * FM = round((F + M) / 2) — how often and how much, together (x.5 rounds up).
 *
 *            FM=1               FM=2               FM=3               FM=4                FM=5
 */
export const RFM_GROUP_GRID: readonly (readonly RfmGroup[])[] = [
  /* R=5 */ ['new',             'new',             'active',          'champions',        'champions'],
  /* R=4 */ ['promising',       'promising',       'active',          'loyal',            'loyal'],
  /* R=3 */ ['needs_attention', 'needs_attention', 'needs_attention', 'loyal',            'loyal'],
  /* R=2 */ ['almost_lost',     'almost_lost',     'at_risk',         'at_risk',          'previously_loyal'],
  /* R=1 */ ['dormant',         'dormant',         'at_risk',         'at_risk',          'previously_loyal'],
];

/** All groups, best to worst, for lists and charts. 'prospects' = no counted order yet (no scores). */
export { RFM_GROUPS } from '../model/insight-names';

/** The group of a customer with scores (one without a counted order is 'prospects', decided by the caller). */
export function rfmGroup(scores: RfmScores): RfmGroup {
  const r = clampScore(scores.r);
  const fm = clampScore(Math.round((clampScore(scores.f) + clampScore(scores.m)) / 2));
  return RFM_GROUP_GRID[5 - r]![fm - 1]!;
}

/** A score forced into 1..5 (whole); anything unusable is 1. */
function clampScore(s: number): number {
  if (!Number.isFinite(s)) return s === Infinity ? 5 : 1;
  return Math.min(5, Math.max(1, Math.round(s)));
}
