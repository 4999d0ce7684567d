// Stage ids with no dependencies: UI bundles (the content script) import these without pulling in zod.

// HubSpot-compatible lifecycle stage ids: the default stage set.
export const DEFAULT_STAGE_IDS = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;

export type DefaultStageId = (typeof DEFAULT_STAGE_IDS)[number];

/** The relationship-marketing cycle (the second preset stage set). */
export const RELATIONSHIP_STAGE_IDS = ['curiosity', 'purchase', 'fulfilment', 'growth', 'retention', 'loyalty', 'recovery'] as const;
export type RelationshipStageId = (typeof RELATIONSHIP_STAGE_IDS)[number];

export function isRelationshipStageId(value: string): value is RelationshipStageId {
  return (RELATIONSHIP_STAGE_IDS as readonly string[]).includes(value);
}

/** Preset stage sets by id, as plain id lists (the sidebar's choices; lifecycle.ts has the full sets). */
export const PRESET_STAGE_IDS = { hubspot: DEFAULT_STAGE_IDS, relationship: RELATIONSHIP_STAGE_IDS } as const;
export type PresetStageSetId = keyof typeof PRESET_STAGE_IDS;

/** The stage a newly created contact starts in. */
export const INITIAL_STAGE: DefaultStageId = 'lead';

export function isDefaultStageId(value: string): value is DefaultStageId {
  return (DEFAULT_STAGE_IDS as readonly string[]).includes(value);
}
