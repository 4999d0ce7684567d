// Lifecycle stages: which sets exist, how a contact may move between stages, and how a move is recorded.
import { z } from 'zod';
import type { Activity } from './activity';

import { type DefaultStageId, DEFAULT_STAGE_IDS, INITIAL_STAGE, isDefaultStageId, type PresetStageSetId, RELATIONSHIP_STAGE_IDS, type RelationshipStageId } from './stage-ids';

export { type DefaultStageId, DEFAULT_STAGE_IDS, INITIAL_STAGE, isDefaultStageId, RELATIONSHIP_STAGE_IDS, type RelationshipStageId };

// Same pattern as contact.ts's StageIdSchema; repeated because contact.ts imports this file.
const STAGE_ID = /^[a-z][a-z0-9_-]{0,39}$/;
const stageId = () => z.string().regex(STAGE_ID, 'Not a stage id: use a-z, 0-9, _ or -, starting with a letter');
const label = () => z.string().trim().min(1, 'Label cannot be empty').max(80, 'Label is too long');

/** Text shown in both UI languages. */
export const LocalisedTextSchema = z.object({ en: label(), es: label() });
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;

export const StageSchema = z.object({
  id: stageId(),
  label: LocalisedTextSchema,
  /** Position in the forward flow; equal orders are parallel stages; null keeps a stage outside the flow ("other"). */
  order: z.number().int().min(0).nullable(),
});
export type Stage = z.infer<typeof StageSchema>;

/** A move that counts as forward although it goes against the order (a cycle closing, e.g. recovery → purchase). */
export const AllowedMoveSchema = z.object({ from: stageId(), to: stageId() });

export const StageSetSchema = z
  .object({
    id: stageId(),
    name: LocalisedTextSchema,
    stages: z.array(StageSchema).min(2, 'A stage set needs at least 2 stages').max(30, 'A stage set has at most 30 stages'),
    allowedMoves: z.array(AllowedMoveSchema).max(50).optional(),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.stages.forEach((stage, i) => {
      if (seen.has(stage.id)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `Duplicate stage id "${stage.id}"` });
      seen.add(stage.id);
    });
    set.allowedMoves?.forEach((move, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!seen.has(move[end])) ctx.addIssue({ code: 'custom', path: ['allowedMoves', i, end], message: `Unknown stage "${move[end]}"` });
      }
    });
  });
export type StageSet = z.infer<typeof StageSetSchema>;

export type StageSetError = { path: string; message: string };

/** Validates a user-defined set; errors name the field ("stages.2.label.es") so the editor can point at it. */
export function validateStageSet(input: unknown): { ok: true; set: StageSet } | { ok: false; errors: StageSetError[] } {
  const result = StageSetSchema.safeParse(input);
  if (result.success) return { ok: true, set: result.data };
  return { ok: false, errors: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

const HUBSPOT_LABELS: Record<DefaultStageId, LocalisedText> = {
  subscriber: { en: 'Subscriber', es: 'Suscriptor' },
  lead: { en: 'Lead', es: 'Lead' },
  marketingqualifiedlead: { en: 'Marketing qualified lead', es: 'Lead cualificado por marketing' },
  salesqualifiedlead: { en: 'Sales qualified lead', es: 'Lead cualificado por ventas' },
  opportunity: { en: 'Opportunity', es: 'Oportunidad' },
  customer: { en: 'Customer', es: 'Cliente' },
  evangelist: { en: 'Evangelist', es: 'Evangelizador' },
  other: { en: 'Other', es: 'Otro' },
};

/** HubSpot's funnel: forward-only, "other" is a parking stage outside the flow. */
export const HUBSPOT_STAGE_SET: StageSet = {
  id: 'hubspot',
  name: { en: 'Sales funnel (HubSpot)', es: 'Embudo de ventas (HubSpot)' },
  stages: DEFAULT_STAGE_IDS.map((id, i) => ({ id, label: HUBSPOT_LABELS[id], order: id === 'other' ? null : i })),
};

const RELATIONSHIP_LABELS: Record<RelationshipStageId, LocalisedText> = {
  curiosity: { en: 'Curiosity', es: 'Curiosidad' },
  purchase: { en: 'Purchase', es: 'Compra' },
  fulfilment: { en: 'Fulfilment', es: 'Cumplimiento' },
  growth: { en: 'Growth', es: 'Crecimiento' },
  retention: { en: 'Retention', es: 'Retención' },
  loyalty: { en: 'Loyalty', es: 'Fidelidad' },
  recovery: { en: 'Recovery', es: 'Recuperación' },
};

/** The relationship-marketing cycle: a win-back from recovery starts a new purchase without a "backward" confirm. */
export const RELATIONSHIP_STAGE_SET: StageSet = {
  id: 'relationship',
  name: { en: 'Relationship marketing cycle', es: 'Ciclo de marketing relacional' },
  stages: RELATIONSHIP_STAGE_IDS.map((id, i) => ({ id, label: RELATIONSHIP_LABELS[id], order: i })),
  allowedMoves: [
    { from: 'retention', to: 'recovery' },
    { from: 'loyalty', to: 'recovery' },
    { from: 'recovery', to: 'purchase' },
  ],
};

export const PRESET_STAGE_SETS: readonly StageSet[] = [HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET];

export function presetStageSet(id: PresetStageSetId): StageSet {
  return id === 'relationship' ? RELATIONSHIP_STAGE_SET : HUBSPOT_STAGE_SET;
}

/** Where a new contact starts: HubSpot's "lead" (a known correspondent), else the set's first stage. */
export function initialStageOf(set: StageSet): string {
  if (set.id === HUBSPOT_STAGE_SET.id) return INITIAL_STAGE;
  const ordered = set.stages.filter((s) => s.order !== null).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return (ordered[0] ?? set.stages[0])?.id ?? INITIAL_STAGE;
}

export function findStage(set: StageSet, id: string): Stage | undefined {
  return set.stages.find((s) => s.id === id);
}

export type StageDirection = 'forward' | 'backward' | 'same' | 'lateral';
export type StageChangePlan =
  | { ok: true; direction: StageDirection }
  | { ok: false; reason: 'unknown_stage' | 'needs_confirmation' | 'unchanged' };

/** How a move between two stages of a set is classified, ignoring confirmation. */
export function stageDirection(set: StageSet, from: Stage, to: Stage): StageDirection {
  if (set.allowedMoves?.some((m) => m.from === from.id && m.to === to.id)) return 'forward';
  if (from.order === null || to.order === null) return 'lateral';
  if (to.order === from.order) return 'same';
  return to.order > from.order ? 'forward' : 'backward';
}

/**
 * Forward-only by default, as in HubSpot: a backward move needs `confirmedBackward`, and the
 * returned direction lets the history record it. A `from` outside the set (left over after
 * switching sets) is a lateral move in, so no contact gets stuck.
 */
export function planStageChange(
  set: StageSet,
  from: string,
  to: string,
  options: { confirmedBackward?: boolean } = {},
): StageChangePlan {
  const target = findStage(set, to);
  if (!target) return { ok: false, reason: 'unknown_stage' };
  if (from === to) return { ok: false, reason: 'unchanged' };
  const source = findStage(set, from);
  if (!source) return { ok: true, direction: 'lateral' };
  const direction = stageDirection(set, source, target);
  if (direction === 'backward' && options.confirmedBackward !== true) return { ok: false, reason: 'needs_confirmation' };
  return { ok: true, direction };
}

export const StageHistoryEntrySchema = z.object({
  id: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
  from: stageId(),
  to: stageId(),
  at: z.number().int().nonnegative(),
  /** Who moved it: a user's email, or "rules" when a suggestion was accepted automatically. */
  by: z.string().max(254),
  reason: z.string().trim().max(500),
  /** True when the move went back in the flow and the user confirmed it. */
  backward: z.boolean(),
  ruleId: z.string().min(1).max(64).optional(),
});
export type StageHistoryEntry = z.infer<typeof StageHistoryEntrySchema>;

/** Builds a history entry from an accepted plan's direction; throws if the fields are invalid. */
export function stageHistoryEntry(
  fields: Omit<StageHistoryEntry, 'backward'> & { direction: StageDirection },
): StageHistoryEntry {
  const { direction, ...rest } = fields;
  return StageHistoryEntrySchema.parse({ ...rest, backward: direction === 'backward' });
}

/** The timeline event of a stage move: the same for a move made in the card and one an import made. */
export function stageMoveActivity(entry: StageHistoryEntry, { id, createdBy }: { id: string; createdBy: string }): Activity {
  return {
    id,
    key: `stage:${entry.id}`,
    type: 'stage.changed',
    targetType: 'contact',
    targetId: entry.contactId,
    occurredAt: entry.at,
    createdAt: entry.at,
    createdBy,
    summary: `${entry.from} → ${entry.to}${entry.backward ? ' (back)' : ''}`,
    data: { from: entry.from, to: entry.to, backward: entry.backward, reason: entry.reason },
  };
}
