import { describe, expect, it } from 'vitest';
import type { Activity, ActivityType } from '@/lib/domain/activity';
import { HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET, StageSetSchema } from '@/lib/domain/lifecycle';
import {
  DEFAULT_RULES_BY_SET,
  HUBSPOT_DEFAULT_RULES,
  RELATIONSHIP_DEFAULT_RULES,
  StageRuleSchema,
  conditionHolds,
  proposeTransitions,
  type StageRule,
  type StageRuleCondition,
  type StageRuleContext,
} from '@/lib/domain/stage-rules';
import { DAY_MS, type Deal } from '@/lib/domain/transactions';

const now = 1_750_000_000_000;
let seq = 0;
const activity = (type: ActivityType, daysAgo: number): Activity => ({
  id: `a${++seq}`,
  key: `k${seq}`,
  type,
  targetType: 'contact',
  targetId: 'c1',
  occurredAt: now - daysAgo * DAY_MS,
  createdAt: now,
  createdBy: 'ana@x.com',
  summary: '',
  data: {},
});
const deal = (status: Deal['status'], daysAgo: number): Deal => ({
  id: `d${++seq}`,
  contactId: 'c1',
  title: 'Licence',
  amount: 1000,
  currency: 'EUR',
  date: now - daysAgo * DAY_MS,
  status,
});
const MQL = 60;
const ctx = (over: Partial<StageRuleContext> = {}): StageRuleContext => ({ stage: 'lead', score: 0, mqlThreshold: MQL, activities: [], deals: [], now, ...over });

describe('default rules', () => {
  it('are valid rule data for stages of their set', () => {
    for (const [set, rules] of [
      [HUBSPOT_STAGE_SET, HUBSPOT_DEFAULT_RULES],
      [RELATIONSHIP_STAGE_SET, RELATIONSHIP_DEFAULT_RULES],
    ] as const) {
      StageSetSchema.parse(set);
      expect(DEFAULT_RULES_BY_SET[set.id]).toBe(rules);
      const ids = new Set(set.stages.map((s) => s.id));
      for (const rule of rules) {
        expect(StageRuleSchema.parse(rule)).toEqual(rule);
        for (const id of [rule.suggest, ...(rule.fromStages ?? [])]) expect(ids.has(id)).toBe(true);
        if (rule.condition.kind === 'inactiveDays') for (const id of rule.condition.inStages) expect(ids.has(id)).toBe(true);
      }
    }
  });
});

describe('scoreAtLeast', () => {
  const rules = HUBSPOT_DEFAULT_RULES;
  it("suggests MQL when the score reaches the scoring model's threshold", () => {
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ score: MQL }))).toEqual([
      { ruleId: 'hubspot-mql-score', to: 'marketingqualifiedlead', reason: expect.objectContaining({ en: expect.any(String) }) },
    ]);
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ score: MQL - 1 }))).toEqual([]);
    // One number: moving the model's threshold moves the rule with it.
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ score: 45, mqlThreshold: 40 }))).toHaveLength(1);
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ score: 75, mqlThreshold: 80 }))).toEqual([]);
  });
  it('a rule with its own threshold keeps it', () => {
    expect(conditionHolds({ kind: 'scoreAtLeast', threshold: 30 }, ctx({ score: 35, mqlThreshold: 90 }))).toBe(true);
  });
  it('fires only on the crossing when the previous score is known', () => {
    const condition = { kind: 'scoreAtLeast', threshold: 60 } as const;
    expect(conditionHolds(condition, ctx({ score: 70, previousScore: 55 }))).toBe(true);
    expect(conditionHolds(condition, ctx({ score: 70, previousScore: 65 }))).toBe(false);
    expect(conditionHolds(condition, ctx({ score: 50, previousScore: 65 }))).toBe(false);
  });
  it('respects fromStages', () => {
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ stage: 'opportunity', score: 90 }))).toEqual([]);
  });
});

describe('dealWon', () => {
  it('suggests customer on a won deal, not on open or lost ones', () => {
    const propose = (deals: Deal[]) => proposeTransitions(HUBSPOT_DEFAULT_RULES, HUBSPOT_STAGE_SET, ctx({ stage: 'opportunity', deals }));
    expect(propose([deal('won', 2)]).map((s) => s.to)).toEqual(['customer']);
    expect(propose([deal('open', 2), deal('lost', 1)])).toEqual([]);
  });
  it('ignores wins outside withinDays and wins dated after now', () => {
    const condition = { kind: 'dealWon', withinDays: 30 } as const;
    expect(conditionHolds(condition, ctx({ deals: [deal('won', 29)] }))).toBe(true);
    expect(conditionHolds(condition, ctx({ deals: [deal('won', 31)] }))).toBe(false);
    expect(conditionHolds({ kind: 'dealWon' }, ctx({ deals: [deal('won', -1)] }))).toBe(false);
  });
  it('never suggests going back to customer from evangelist, nor out of "other"', () => {
    for (const stage of ['customer', 'evangelist', 'other']) {
      expect(proposeTransitions(HUBSPOT_DEFAULT_RULES, HUBSPOT_STAGE_SET, ctx({ stage, deals: [deal('won', 1)] }))).toEqual([]);
    }
  });
  it('wins a lapsed customer back: recovery → purchase (an allowed move of the cycle)', () => {
    const suggestions = proposeTransitions(RELATIONSHIP_DEFAULT_RULES, RELATIONSHIP_STAGE_SET, ctx({ stage: 'recovery', deals: [deal('won', 3)] }));
    expect(suggestions).toEqual([expect.objectContaining({ ruleId: 'relationship-purchase', to: 'purchase' })]);
  });
});

describe('inactiveDays', () => {
  const propose = (stage: string, activities: Activity[], deals: Deal[] = []) =>
    proposeTransitions(RELATIONSHIP_DEFAULT_RULES, RELATIONSHIP_STAGE_SET, ctx({ stage, activities, deals }));

  it('suggests recovery after 90 quiet days in retention or loyalty', () => {
    expect(propose('retention', [activity('email.received', 91)]).map((s) => s.to)).toEqual(['recovery']);
    expect(propose('loyalty', [activity('meeting.logged', 90)]).map((s) => s.to)).toEqual(['recovery']);
  });
  it('stays quiet with recent interaction, a recent deal, or outside the named stages', () => {
    expect(propose('retention', [activity('email.received', 91), activity('email.sent', 10)])).toEqual([]);
    expect(propose('retention', [], [deal('won', 5)])).toEqual([]);
    expect(propose('growth', [activity('email.received', 200)])).toEqual([]);
  });
  it('does not count bookkeeping (stage or score changes) as interaction', () => {
    expect(propose('retention', [activity('email.received', 120), activity('stage.changed', 1), activity('score.changed', 1)])).toHaveLength(1);
  });
  it('treats a contact with no interaction at all as inactive', () => {
    expect(propose('loyalty', [])).toHaveLength(1);
  });
});

describe('activityOfType', () => {
  it('suggests SQL after a recent meeting and opportunity after a deal opened', () => {
    const s = proposeTransitions(HUBSPOT_DEFAULT_RULES, HUBSPOT_STAGE_SET, ctx({ activities: [activity('meeting.logged', 3), activity('deal.opened', 2)] }));
    expect(s.map((x) => x.to)).toEqual(['opportunity', 'salesqualifiedlead']);
  });
  it('ignores activities older than the window, of other types, or in the future', () => {
    const condition: StageRuleCondition = { kind: 'activityOfType', types: ['meeting.logged'], withinDays: 30 };
    expect(conditionHolds(condition, ctx({ activities: [activity('meeting.logged', 31)] }))).toBe(false);
    expect(conditionHolds(condition, ctx({ activities: [activity('email.sent', 1)] }))).toBe(false);
    expect(conditionHolds(condition, ctx({ activities: [activity('meeting.logged', -2)] }))).toBe(false);
    expect(conditionHolds(condition, ctx({ activities: [activity('meeting.logged', 0)] }))).toBe(true);
  });
});

describe('proposeTransitions', () => {
  it('orders the furthest stage first and deduplicates by target (first rule wins)', () => {
    const extra: StageRule = {
      id: 'second-customer-rule',
      label: { en: 'Big score', es: 'Mucha puntuación' },
      suggest: 'customer',
      condition: { kind: 'scoreAtLeast', threshold: 10 },
    };
    const s = proposeTransitions([...HUBSPOT_DEFAULT_RULES, extra], HUBSPOT_STAGE_SET, ctx({ score: 80, deals: [deal('won', 1)] }));
    expect(s.map((x) => [x.ruleId, x.to])).toEqual([
      ['hubspot-deal-won', 'customer'],
      ['hubspot-mql-score', 'marketingqualifiedlead'],
    ]);
  });
  it('never suggests the current stage or an unknown one', () => {
    const rules: StageRule[] = [
      { id: 'same', label: { en: 'x', es: 'x' }, suggest: 'lead', condition: { kind: 'dealWon' } },
      { id: 'unknown', label: { en: 'x', es: 'x' }, suggest: 'purchase', condition: { kind: 'dealWon' } },
    ];
    expect(proposeTransitions(rules, HUBSPOT_STAGE_SET, ctx({ deals: [deal('won', 1)] }))).toEqual([]);
  });
  it('runs a brand-new rule from plain (JSON) data without code changes', () => {
    const stored = JSON.stringify({
      id: 'promoters',
      label: { en: 'Answered a survey', es: 'Respondió una encuesta' },
      fromStages: ['customer'],
      suggest: 'evangelist',
      condition: { kind: 'activityOfType', types: ['survey.answered'], withinDays: 14 },
    });
    const rule = StageRuleSchema.parse(JSON.parse(stored));
    const s = proposeTransitions([rule], HUBSPOT_STAGE_SET, ctx({ stage: 'customer', activities: [activity('survey.answered', 1)] }));
    expect(s).toEqual([{ ruleId: 'promoters', to: 'evangelist', reason: { en: 'Answered a survey', es: 'Respondió una encuesta' } }]);
  });
  it('rejects rule data outside the closed set of conditions', () => {
    const base = { id: 'r', label: { en: 'x', es: 'x' }, suggest: 'customer' };
    expect(StageRuleSchema.safeParse({ ...base, condition: { kind: 'moonPhase' } }).success).toBe(false);
    expect(StageRuleSchema.safeParse({ ...base, condition: { kind: 'inactiveDays', days: 0, inStages: ['lead'] } }).error?.issues[0]?.message).toBe(
      'At least 1 day',
    );
    expect(StageRuleSchema.safeParse({ ...base, condition: { kind: 'inactiveDays', days: 9999, inStages: ['lead'] } }).error?.issues[0]?.message).toBe(
      'At most 3650 days',
    );
    expect(StageRuleSchema.safeParse({ ...base, condition: { kind: 'inactiveDays', days: 5, inStages: [] } }).error?.issues[0]?.message).toBe(
      'Name at least one stage',
    );
    expect(
      StageRuleSchema.safeParse({ ...base, condition: { kind: 'activityOfType', types: [], withinDays: 5 } }).error?.issues[0]?.message,
    ).toBe('Name at least one activity type');
    expect(StageRuleSchema.safeParse({ ...base, suggest: 'Customer!', condition: { kind: 'dealWon' } }).error?.issues[0]?.message).toBe(
      'Not a stage id',
    );
  });
});
