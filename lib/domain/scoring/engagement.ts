// Engagement rules, compiled: one pass over the contact's activities feeds every rule that listens to
// the activity's type, into preallocated accumulators (no per-call maps or closures).
import type { EngagementCondition } from './conditions';
import { DAY_MS } from './fit';
import type { ScoringActivity } from './input';

/** Past ten half-lives (weight < 0.1 %) an event is expired, so old history does not bloat explanations. */
export const EXPIRED_WEIGHT = 2 ** -10;

/** An event's weight `ageMs` after it happened: 1 at once, ½ after one half-life. Future events weigh 1. */
export function decayWeight(ageMs: number, halfLifeDays: number): number {
  return Math.exp(-Math.max(0, ageMs) * (Math.LN2 / (halfLifeDays * DAY_MS)));
}

interface CompiledEngagementRule {
  points: number;
  perEvent: boolean;
  min: number;
  windowMs: number;
  halfLifeDays: number | undefined;
}

export interface EngagementTally {
  count: Float64Array;
  weightSum: Float64Array;
  newestWeight: Float64Array;
  /** The events counted per rule, only allocated for rules that saw one. */
  activityIds: (string[] | undefined)[];
}

export class EngagementRules {
  private readonly rules: CompiledEngagementRule[];
  private readonly rulesByType = new Map<string, number[]>();
  readonly tally: EngagementTally;
  readonly size: number;

  constructor(rules: readonly { points: number; condition: EngagementCondition }[]) {
    this.rules = rules.map(({ points, condition }) => ({
      points,
      perEvent: condition.perEvent,
      min: condition.min,
      windowMs: condition.withinDays === undefined ? Infinity : condition.withinDays * DAY_MS,
      halfLifeDays: condition.halfLifeDays,
    }));
    rules.forEach(({ condition }, index) => {
      for (const type of new Set(condition.types)) {
        const listeners = this.rulesByType.get(type) ?? [];
        listeners.push(index);
        this.rulesByType.set(type, listeners);
      }
    });
    const n = rules.length;
    this.size = n;
    this.tally = { count: new Float64Array(n), weightSum: new Float64Array(n), newestWeight: new Float64Array(n), activityIds: new Array(n) };
  }

  /** Fills `raw` with each rule's points before caps (integers), from one pass over the activities. */
  score(activities: readonly ScoringActivity[], now: number, raw: number[]): void {
    const { count, weightSum, newestWeight, activityIds } = this.tally;
    count.fill(0);
    weightSum.fill(0);
    newestWeight.fill(0);
    activityIds.fill(undefined);
    for (const activity of activities) {
      const listeners = this.rulesByType.get(activity.type);
      if (listeners === undefined) continue;
      // Clock skew can date an event slightly ahead of `now`: it counts as just happened, which also
      // keeps engagement non-increasing as `now` moves on.
      const ageMs = Math.max(0, now - activity.occurredAt);
      for (const index of listeners) {
        const rule = this.rules[index];
        if (rule === undefined || ageMs > rule.windowMs) continue;
        const weight = rule.halfLifeDays === undefined ? 1 : decayWeight(ageMs, rule.halfLifeDays);
        if (weight < EXPIRED_WEIGHT) continue;
        count[index] = (count[index] ?? 0) + 1;
        weightSum[index] = (weightSum[index] ?? 0) + weight;
        if (weight > (newestWeight[index] ?? 0)) newestWeight[index] = weight;
        const ids = activityIds[index];
        if (ids === undefined) activityIds[index] = [activity.id];
        else ids.push(activity.id);
      }
    }
    this.rules.forEach((rule, index) => {
      const fired = (count[index] ?? 0) >= rule.min;
      const weight = rule.perEvent ? (weightSum[index] ?? 0) : (newestWeight[index] ?? 0);
      raw[index] = fired ? Math.round(rule.points * weight) || 0 : 0; // `|| 0` turns -0 into 0
    });
  }
}
