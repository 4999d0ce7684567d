// Stage transition rules are data (stored, edited, synced), evaluated by one pure function into suggestions.
import { z } from 'zod';
import { ACTIVITY_TYPES, type Activity, type ActivityType } from './activity';
import {
  findStage,
  HUBSPOT_STAGE_SET,
  LocalisedTextSchema,
  planStageChange,
  RELATIONSHIP_STAGE_SET,
  type LocalisedText,
  type StageSet,
} from './lifecycle';
import { DAY_MS, type Deal } from './transactions';

const stageId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Not a stage id');
const days = z.number().int().min(1, 'At least 1 day').max(3650, 'At most 3650 days');

/** The closed set of condition kinds; a new kind needs code, a new rule does not. */
export const StageRuleConditionSchema = z.discriminatedUnion('kind', [
  /**
   * Lead score reaches the threshold (crosses it, when the previous score is known). Without a threshold the scoring
   * model's MQL threshold applies, so "marketing-qualified" means one number everywhere.
   */
  z.object({ kind: z.literal('scoreAtLeast'), threshold: z.number().int().min(0).max(100).optional() }),
  /** A deal was won (within the last `withinDays`, when given, so an old win does not re-fire). */
  z.object({ kind: z.literal('dealWon'), withinDays: days.optional() }),
  /** No interaction for `days` while in one of `inStages`. */
  z.object({ kind: z.literal('inactiveDays'), days, inStages: z.array(stageId).min(1, 'Name at least one stage') }),
  /** An activity of one of `types` happened within the last `withinDays`. */
  z.object({
    kind: z.literal('activityOfType'),
    types: z.array(z.enum(ACTIVITY_TYPES)).min(1, 'Name at least one activity type'),
    withinDays: days,
  }),
]);
export type StageRuleCondition = z.infer<typeof StageRuleConditionSchema>;

export const StageRuleSchema = z.object({
  id: z.string().min(1).max(64),
  label: LocalisedTextSchema,
  /** Only contacts currently in one of these stages; absent means any stage. */
  fromStages: z.array(stageId).min(1).optional(),
  suggest: stageId,
  condition: StageRuleConditionSchema,
});
export type StageRule = z.infer<typeof StageRuleSchema>;

export type StageRuleContext = {
  stage: string;
  score: number;
  previousScore?: number;
  /** The scoring model's MQL threshold. */
  mqlThreshold: number;
  activities: readonly Activity[];
  deals: readonly Deal[];
  now: number;
};
export type StageSuggestion = { ruleId: string; to: string; reason: LocalisedText };

/** Bookkeeping events are not interactions: a stage or score change must not reset inactivity. */
const NOT_INTERACTIONS: readonly ActivityType[] = ['stage.changed', 'score.changed'];

function lastInteractionAt(ctx: StageRuleContext): number | null {
  const times = [
    ...ctx.activities.filter((a) => !NOT_INTERACTIONS.includes(a.type) && a.occurredAt <= ctx.now).map((a) => a.occurredAt),
    ...ctx.deals.filter((d) => d.date <= ctx.now).map((d) => d.date),
  ];
  return times.length ? Math.max(...times) : null;
}

const within = (at: number, ctx: StageRuleContext, windowDays: number) => at <= ctx.now && at > ctx.now - windowDays * DAY_MS;

export function conditionHolds(condition: StageRuleCondition, ctx: StageRuleContext): boolean {
  switch (condition.kind) {
    case 'scoreAtLeast': {
      const threshold = condition.threshold ?? ctx.mqlThreshold;
      return ctx.score >= threshold && (ctx.previousScore === undefined || ctx.previousScore < threshold);
    }
    case 'dealWon':
      return ctx.deals.some(
        (d) => d.status === 'won' && (condition.withinDays === undefined ? d.date <= ctx.now : within(d.date, ctx, condition.withinDays)),
      );
    case 'inactiveDays': {
      if (!condition.inStages.includes(ctx.stage)) return false;
      // Never any interaction counts as inactive: the rule is "nothing in the last N days".
      const last = lastInteractionAt(ctx);
      return last === null || ctx.now - last >= condition.days * DAY_MS;
    }
    case 'activityOfType':
      return ctx.activities.some((a) => condition.types.includes(a.type) && within(a.occurredAt, ctx, condition.withinDays));
  }
}

/**
 * Suggestions only, never applied here. Kept: forward moves (including the set's allowed moves,
 * e.g. retention → recovery) to a stage other than the current one. One suggestion per target
 * stage (the first matching rule wins); furthest stage first, since it says the most.
 */
export function proposeTransitions(rules: readonly StageRule[], set: StageSet, ctx: StageRuleContext): StageSuggestion[] {
  const byTarget = new Map<string, StageSuggestion>();
  for (const rule of rules) {
    if (byTarget.has(rule.suggest)) continue;
    if (rule.fromStages && !rule.fromStages.includes(ctx.stage)) continue;
    const plan = planStageChange(set, ctx.stage, rule.suggest);
    if (!plan.ok || plan.direction !== 'forward') continue;
    if (!conditionHolds(rule.condition, ctx)) continue;
    byTarget.set(rule.suggest, { ruleId: rule.id, to: rule.suggest, reason: rule.label });
  }
  const order = (id: string) => findStage(set, id)?.order ?? -1;
  return [...byTarget.values()].sort((a, b) => order(b.to) - order(a.to));
}

export const HUBSPOT_DEFAULT_RULES: readonly StageRule[] = [
  {
    id: 'hubspot-deal-won',
    label: { en: 'A deal was won', es: 'Se ganó un negocio' },
    suggest: 'customer',
    condition: { kind: 'dealWon' },
  },
  {
    id: 'hubspot-deal-opened',
    label: { en: 'A deal was opened', es: 'Se abrió un negocio' },
    suggest: 'opportunity',
    condition: { kind: 'activityOfType', types: ['deal.opened'], withinDays: 90 },
  },
  {
    id: 'hubspot-meeting',
    label: { en: 'A meeting was held', es: 'Hubo una reunión' },
    fromStages: ['subscriber', 'lead', 'marketingqualifiedlead'],
    suggest: 'salesqualifiedlead',
    condition: { kind: 'activityOfType', types: ['meeting.logged'], withinDays: 30 },
  },
  {
    id: 'hubspot-mql-score',
    label: { en: 'Lead score reached the MQL threshold', es: 'La puntuación alcanzó el umbral de MQL' },
    fromStages: ['subscriber', 'lead'],
    suggest: 'marketingqualifiedlead',
    condition: { kind: 'scoreAtLeast' },
  },
];

export const RELATIONSHIP_DEFAULT_RULES: readonly StageRule[] = [
  {
    id: 'relationship-purchase',
    label: { en: 'A deal was won', es: 'Se ganó un negocio' },
    fromStages: ['curiosity', 'recovery'],
    suggest: 'purchase',
    condition: { kind: 'dealWon', withinDays: 30 },
  },
  {
    id: 'relationship-lapsed',
    label: { en: 'No activity for 90 days', es: 'Sin actividad en 90 días' },
    suggest: 'recovery',
    condition: { kind: 'inactiveDays', days: 90, inStages: ['retention', 'loyalty'] },
  },
];

/** Default rules per preset stage set id. */
export const DEFAULT_RULES_BY_SET: Readonly<Record<string, readonly StageRule[]>> = {
  [HUBSPOT_STAGE_SET.id]: HUBSPOT_DEFAULT_RULES,
  [RELATIONSHIP_STAGE_SET.id]: RELATIONSHIP_DEFAULT_RULES,
};
