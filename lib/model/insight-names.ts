/**
 * The names of lifecycle stages and RFM groups: one list each, used by the views, the rule
 * schemas and the insight functions alike.
 */
export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'won_back', 'at_risk', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** Best to worst, as lists and charts show them; 'prospects' = no counted order yet (no scores). */
export const RFM_GROUPS = [
  'champions',
  'loyal',
  'active',
  'new',
  'promising',
  'needs_attention',
  'at_risk',
  'almost_lost',
  'previously_loyal',
  'dormant',
  'prospects',
] as const;
export type RfmGroup = (typeof RFM_GROUPS)[number];
