// The result shape: every number comes with the rules and the formula that produced it.
import type { Activity } from '../activity';
import type { Dimension } from '../scoring-model';

export type FitLetter = 'A' | 'B' | 'C';
export type EngagementDigit = 1 | 2 | 3;
export type Grade = `${FitLetter}${EngagementDigit}`;

export interface RuleContribution {
  ruleId: string;
  label: string;
  dimension: Dimension;
  groupId: string;
  /** Integer points before caps (decay already applied and rounded). */
  rawPoints: number;
  /** Integer points after group and dimension caps: these add up to the dimension's score. */
  points: number;
  /** Engagement rules: the activities counted. */
  activityIds?: string[];
}

/**
 * One event an engagement rule counted, as the explanation lists it (the rest is in the timeline). `data` only for a
 * stage move (its from/to, said in the rep's language): an email's data may hold its body, never sent for this.
 */
export type ScoreEvent = Pick<Activity, 'id' | 'type' | 'occurredAt' | 'summary'> & { data?: Activity['data'] };

export interface GroupContribution {
  groupId: string;
  label: string;
  dimension: Dimension;
  cap: number;
  /** Σ raw points of the group's rules. */
  rawPoints: number;
  /** After the group cap, the floor at 0 and the dimension cap. */
  points: number;
}

export interface DimensionSummary {
  score: number;
  cap: number;
  /** Σ group points after group caps, before the dimension cap. */
  uncapped: number;
}

export interface ScoreExplanation {
  /** Every rule with non-zero raw points, in model order. */
  rules: RuleContribution[];
  /** Every group of the model, in model order. */
  groups: GroupContribution[];
  fit: DimensionSummary;
  engagement: DimensionSummary;
  total: { fitWeight: number; engagementWeight: number; formula: string };
  grade: { fitLetter: FitLetter; engagementDigit: EngagementDigit; formula: string };
}

export interface ScoreResult {
  fit: number;
  engagement: number;
  total: number;
  grade: Grade;
  explanation: ScoreExplanation;
}
