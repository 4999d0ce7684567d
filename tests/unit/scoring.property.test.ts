import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '@/lib/domain/activity';
import { COMPANY_SIZE_BANDS, PERSONA_ROLES } from '@/lib/domain/record';
import {
  SCORABLE_FIELDS,
  combineScores,
  compileModel,
  parseScoringModel,
  type EngagementConditionInput,
  type FitCondition,
  type ScoreResult,
  type ScoringActivity,
  type ScoringInput,
  type ScoringModel,
  type ScoringModelInput,
} from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12);
const WORDS = ['ceo', 'vp', 'head', 'director', 'manager', 'jefe', 'gerente', 'founder', 'sales', 'engineer', 'owner'];
const INDUSTRIES = ['software', 'retail', 'banca'];
const COUNTRIES = ['ES', 'MX', 'US'];
const TAGS = ['partner', 'vip', 'event'];
const DOMAINS = ['gmail.com', 'acme.com', 'yahoo.es', 'sol.com.mx'];

const fitConditionArb: fc.Arbitrary<FitCondition> = fc.oneof(
  fc.record({ type: fc.constant('titleMatches' as const), keywords: fc.subarray(WORDS, { minLength: 1 }) }),
  fc.record({ type: fc.constant('personaRoleIs' as const), roles: fc.subarray([...PERSONA_ROLES], { minLength: 1 }) }),
  fc.record({ type: fc.constant('industryIs' as const), values: fc.subarray(INDUSTRIES, { minLength: 1 }) }),
  fc.record({ type: fc.constant('companySizeIn' as const), bands: fc.subarray([...COMPANY_SIZE_BANDS], { minLength: 1 }) }),
  fc.constant({ type: 'freeMail' as const }),
  fc.record({ type: fc.constant('countryIn' as const), codes: fc.subarray(COUNTRIES, { minLength: 1 }) }),
  fc.record({ type: fc.constant('hasTag' as const), tags: fc.subarray(TAGS, { minLength: 1 }) }),
  fc.record({ type: fc.constant('daysInDatabaseAtLeast' as const), days: fc.nat({ max: 400 }) }),
  fc.record({ type: fc.constant('fieldPresent' as const), field: fc.constantFrom(...SCORABLE_FIELDS) }),
);

const engagementConditionArb: fc.Arbitrary<EngagementConditionInput> = fc.record(
  {
    type: fc.constant('activityCount' as const),
    types: fc.subarray([...ACTIVITY_TYPES], { minLength: 1, maxLength: 3 }),
    withinDays: fc.integer({ min: 1, max: 120 }),
    halfLifeDays: fc.double({ min: 0.5, max: 60, noNaN: true }),
    perEvent: fc.boolean(),
    min: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ['type', 'types'] },
);

/** A dimension whose caps are consistent; ids are made unique by the model builder. */
const dimensionArb = <C>(conditionArb: fc.Arbitrary<C>) =>
  fc.integer({ min: 1, max: 100 }).chain((cap) =>
    fc.record({
      cap: fc.constant(cap),
      groups: fc.array(
        fc.record({
          cap: fc.integer({ min: 1, max: cap }),
          rules: fc.array(fc.record({ points: fc.integer({ min: -40, max: 60 }), condition: conditionArb }), { minLength: 1, maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );

const reachable = (d: { cap: number; groups: { cap: number }[] }) => Math.min(d.cap, d.groups.reduce((sum, g) => sum + g.cap, 0));

const modelArb: fc.Arbitrary<ScoringModel> = fc
  .record({ fit: dimensionArb(fitConditionArb), engagement: dimensionArb(engagementConditionArb), fitWeight: fc.integer({ min: 0, max: 100 }) })
  .chain(({ fit, engagement, fitWeight }) => {
    const [rf, re] = [reachable(fit), reachable(engagement)];
    const maxTotal = combineScores(rf, re, { fit: fitWeight, engagement: 100 - fitWeight });
    return fc
      .record({ fitA: fc.integer({ min: 1, max: rf }), engagement1: fc.integer({ min: 1, max: re }), mql: fc.integer({ min: 0, max: maxTotal }) })
      .chain(({ fitA, engagement1, mql }) =>
        fc.record({ fitB: fc.integer({ min: 0, max: fitA - 1 }), engagement2: fc.integer({ min: 0, max: engagement1 - 1 }) }).map((lower) => {
          let n = 0;
          const dimension = <T extends typeof fit | typeof engagement>(d: T) => ({
            cap: d.cap,
            groups: d.groups.map((g) => ({ id: `g${++n}`, label: 'Group', cap: g.cap, rules: g.rules.map((r) => ({ id: `r${++n}`, label: 'Rule', ...r })) })),
          });
          const input = {
            id: 'random',
            label: 'Random',
            fit: dimension(fit),
            engagement: dimension(engagement),
            weights: { fit: fitWeight, engagement: 100 - fitWeight },
            grades: { fitA, fitB: lower.fitB, engagement1, engagement2: lower.engagement2 },
            mqlThreshold: mql,
          } as ScoringModelInput;
          const parsed = parseScoringModel(input);
          if (!parsed.ok) throw new Error(`generator made an invalid model: ${JSON.stringify(parsed.errors)}`);
          return parsed.model;
        }),
      );
  });

const anyModelArb = fc.oneof({ arbitrary: modelArb, weight: 4 }, { arbitrary: fc.constant(DEFAULT_SCORING_MODEL), weight: 1 });

const activityArb = (id: number) =>
  fc.record({ type: fc.constantFrom(...ACTIVITY_TYPES), daysAgo: fc.double({ min: -3, max: 200, noNaN: true }) })
    .map(({ type, daysAgo }): ScoringActivity => ({ id: `a${id}`, type, occurredAt: Math.round(NOW - daysAgo * DAY) }));

const inputArb: fc.Arbitrary<ScoringInput> = fc.record({
  contact: fc.record(
    {
      title: fc.subarray(WORDS, { maxLength: 3 }).map((words) => words.join(' & ')),
      emails: fc.array(fc.constantFrom(...DOMAINS).map((d) => ({ address: `x@${d}` })), { maxLength: 2 }),
      tags: fc.subarray(TAGS),
      createdAt: fc.integer({ min: NOW - 500 * DAY, max: NOW }),
      personaRole: fc.constantFrom(...PERSONA_ROLES),
      industry: fc.constantFrom(...INDUSTRIES, ''),
      companySize: fc.oneof(fc.constantFrom(...COMPANY_SIZE_BANDS), fc.nat({ max: 20_000 })),
      country: fc.constantFrom(...COUNTRIES, 'fr'),
      phones: fc.array(fc.constant({ number: '+34 600 000 000' }), { maxLength: 1 }),
    },
    { requiredKeys: ['title', 'emails', 'tags', 'createdAt'] },
  ),
  activities: fc.nat({ max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => activityArb(i)))),
});

function checkConsistency(model: ScoringModel, result: ScoreResult): void {
  for (const score of [result.fit, result.engagement, result.total]) {
    expect(Number.isInteger(score) && score >= 0 && score <= 100).toBe(true);
  }
  expect(result.fit).toBeLessThanOrEqual(model.fit.cap);
  expect(result.engagement).toBeLessThanOrEqual(model.engagement.cap);
  expect(result.total).toBe(combineScores(result.fit, result.engagement, model.weights));
  expect(result.grade).toMatch(/^[ABC][123]$/);
  const { rules, groups } = result.explanation;
  for (const group of groups) {
    expect(group.points).toBeGreaterThanOrEqual(0);
    expect(group.points).toBeLessThanOrEqual(group.cap);
    const ruleSum = rules.filter((r) => r.groupId === group.groupId).reduce((sum, r) => sum + r.points, 0);
    expect(ruleSum).toBe(group.points);
  }
  for (const dimension of ['fit', 'engagement'] as const) {
    expect(rules.filter((r) => r.dimension === dimension).reduce((sum, r) => sum + r.points, 0)).toBe(result[dimension]);
    expect(groups.filter((g) => g.dimension === dimension).reduce((sum, g) => sum + g.points, 0)).toBe(result[dimension]);
  }
  for (const rule of rules) {
    expect(Number.isInteger(rule.rawPoints) && Number.isInteger(rule.points)).toBe(true);
    expect(rule.rawPoints).not.toBe(0);
    // Caps only ever shrink a rule towards 0, never flip its sign.
    expect(Math.abs(rule.points)).toBeLessThanOrEqual(Math.abs(rule.rawPoints));
    expect(rule.points * rule.rawPoints).toBeGreaterThanOrEqual(0);
    expect(rule.activityIds !== undefined).toBe(rule.dimension === 'engagement');
  }
}

/** The same model with every engagement penalty turned into a gain (penalties fading legitimately raise a score). */
function withoutEngagementPenalties(model: ScoringModel): ScoringModel {
  const groups = model.engagement.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, points: Math.abs(r.points) })) }));
  return { ...model, engagement: { ...model.engagement, groups } };
}

/** The same model with time-in-database rules swapped for a time-free condition. */
function withoutTimeInDatabase(model: ScoringModel): ScoringModel {
  const swap = (c: FitCondition): FitCondition => (c.type === 'daysInDatabaseAtLeast' ? { type: 'freeMail' } : c);
  const groups = model.fit.groups.map((g) => ({ ...g, rules: g.rules.map((r) => ({ ...r, condition: swap(r.condition) })) }));
  return { ...model, fit: { ...model.fit, groups } };
}

// Mostly small steps, so moves across events dated just ahead of now (clock skew) get exercised too.
const laterArb = fc
  .oneof(fc.constant(0), fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true }))
  .map((days) => Math.round(days * DAY));

describe('scoring properties', () => {
  it('random valid models never throw; scores are integers in 0–100 within caps; explanations add up', () => {
    fc.assert(
      fc.property(anyModelArb, inputArb, laterArb, (model, input, later) => {
        const score = compileModel(model);
        checkConsistency(model, score(input, NOW));
        checkConsistency(model, score(input, NOW + later));
      }),
      { numRuns: 300 },
    );
  });

  it('a compiled scorer keeps no state between contacts', () => {
    fc.assert(
      fc.property(anyModelArb, inputArb, inputArb, (model, a, b) => {
        const score = compileModel(model);
        const first = score(a, NOW);
        score(b, NOW);
        expect(score(a, NOW)).toEqual(first);
      }),
    );
  });

  it('adding an event no penalty listens to never lowers engagement', () => {
    fc.assert(
      fc.property(anyModelArb, inputArb, activityArb(999), (model, input, extra) => {
        const penalised = new Set(model.engagement.groups.flatMap((g) => g.rules.filter((r) => r.points < 0).flatMap((r) => r.condition.types)));
        fc.pre(!penalised.has(extra.type));
        const score = compileModel(model);
        const before = score(input, NOW).engagement;
        expect(score({ ...input, activities: [...input.activities, extra] }, NOW).engagement).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('without penalties, engagement never rises as time passes with no new events', () => {
    fc.assert(
      fc.property(anyModelArb.map(withoutEngagementPenalties), inputArb, laterArb, laterArb, (model, input, a, b) => {
        const score = compileModel(model);
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(score(input, NOW + later).engagement).toBeLessThanOrEqual(score(input, NOW + earlier).engagement);
      }),
      { numRuns: 300 },
    );
  });

  it('fit does not depend on time apart from time-in-database rules', () => {
    fc.assert(
      fc.property(anyModelArb.map(withoutTimeInDatabase), inputArb, laterArb, (model, input, later) => {
        const score = compileModel(model);
        expect(score(input, NOW + later).fit).toBe(score(input, NOW).fit);
      }),
    );
  });
});
