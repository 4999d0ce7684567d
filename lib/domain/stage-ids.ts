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

/** The stage a newly created contact starts in. */
export const INITIAL_STAGE: DefaultStageId = 'lead';

export function isDefaultStageId(value: string): value is DefaultStageId {
  return (DEFAULT_STAGE_IDS as readonly string[]).includes(value);
}
