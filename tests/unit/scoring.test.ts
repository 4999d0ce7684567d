import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, type Activity, type ActivityType } from '@/lib/domain/activity';
import { contactFromHeader } from '@/lib/domain/contact';
import {
  combineScores,
  compileModel,
  crossedThreshold,
  gradeFor,
  parseScoringModel,
  scoreContact,
  type ScoreResult,
  type ScoringContact,
  type ScoringInput,
  type ScoringModel,
  type ScoringModelInput,
} from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12);

type FitGroupInput = ScoringModelInput['fit']['groups'][number];
type EngagementGroupInput = ScoringModelInput['engagement']['groups'][number];

/** A model from groups; grades and MQL low enough to be valid whatever the caps. */
function model(fitGroups: FitGroupInput[], engagementGroups: EngagementGroupInput[], caps = { fit: 100, engagement: 100 }): ScoringModel {
  const parsed = parseScoringModel({
    id: 'test',
    label: 'Test',
    fit: { cap: caps.fit, groups: fitGroups },
    engagement: { cap: caps.engagement, groups: engagementGroups },
    weights: { fit: 40, engagement: 60 },
    grades: { fitA: 2, fitB: 1, engagement1: 2, engagement2: 1 },
    mqlThreshold: 0,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.model;
}

const titleRule = (id: string, points: number, keyword = 'ceo') => ({ id, label: id, points, condition: { type: 'titleMatches' as const, keywords: [keyword] } });
const tagRule = (id: string, points: number) => ({ id, label: id, points, condition: { type: 'hasTag' as const, tags: [id] } });
const eventRule = (id: string, points: number, types: ActivityType[]) => ({ id, label: id, points, condition: { type: 'activityCount' as const, types, perEvent: true } });
const quietEngagement: EngagementGroupInput = { id: 'quiet', label: 'Quiet', cap: 100, rules: [eventRule('surveys', 1, ['survey.answered'])] };

const contact = (overrides: Partial<ScoringContact> = {}): ScoringContact => ({ title: '', emails: [{ address: 'ana@acme.com' }], tags: [], createdAt: NOW, ...overrides });
const events = (type: ActivityType, count: number, daysAgo = 1) =>
  Array.from({ length: count }, (_, i) => ({ id: `${type}-${i}`, type, occurredAt: NOW - daysAgo * DAY }));

function pointsByRule(result: ScoreResult): Record<string, [raw: number, points: number]> {
  return Object.fromEntries(result.explanation.rules.map((rule) => [rule.ruleId, [rule.rawPoints, rule.points]]));
}

describe('caps', () => {
  it('a group cap trims its rules in proportion, largest remainder first', () => {
    const m = model([{ id: 'g', label: 'G', cap: 20, rules: [tagRule('a', 10), tagRule('b', 10), tagRule('c', 10)] }], [quietEngagement]);
    const result = scoreContact(m, { contact: contact({ tags: ['a', 'b', 'c'] }), activities: [] }, NOW);
    expect(result.fit).toBe(20);
    // 20 × 10/30 = 6.67 each: 6 + 6 + 6, the two spare points go to the first rules (ties keep model order).
    expect(pointsByRule(result)).toEqual({ a: [10, 7], b: [10, 7], c: [10, 6] });
    expect(result.explanation.groups[0]).toMatchObject({ groupId: 'g', cap: 20, rawPoints: 30, points: 20 });
  });

  it('the dimension cap is split over the groups, each staying within its own cap', () => {
    const m = model(
      [
        { id: 'g1', label: 'G1', cap: 30, rules: [tagRule('a', 40)] },
        { id: 'g2', label: 'G2', cap: 20, rules: [tagRule('b', 20)] },
      ],
      [quietEngagement],
      { fit: 40, engagement: 100 },
    );
    const result = scoreContact(m, { contact: contact({ tags: ['a', 'b'] }), activities: [] }, NOW);
    expect(result.fit).toBe(40);
    expect(result.explanation.fit).toEqual({ score: 40, cap: 40, uncapped: 50 });
    expect(pointsByRule(result)).toEqual({ a: [40, 24], b: [20, 16] });
  });

  it('negative points floor a group at 0: the penalty shrinks to what the group had', () => {
    const m = model([{ id: 'g', label: 'G', cap: 50, rules: [tagRule('good', 10), tagRule('bad', -25)] }], [quietEngagement]);
    const result = scoreContact(m, { contact: contact({ tags: ['good', 'bad'] }), activities: [] }, NOW);
    expect(result.fit).toBe(0);
    expect(pointsByRule(result)).toEqual({ good: [10, 10], bad: [-25, -10] });
  });

  it('a penalty alone scores 0, and a capped group keeps its penalty whole', () => {
    const penalty = model([{ id: 'g', label: 'G', cap: 50, rules: [tagRule('bad', -25)] }], [quietEngagement]);
    expect(scoreContact(penalty, { contact: contact({ tags: ['bad'] }), activities: [] }, NOW).fit).toBe(0);
    const capped = model([{ id: 'g', label: 'G', cap: 25, rules: [tagRule('good', 40), tagRule('bad', -10)] }], [quietEngagement]);
    const result = scoreContact(capped, { contact: contact({ tags: ['good', 'bad'] }), activities: [] }, NOW);
    expect(result.fit).toBe(25);
    expect(pointsByRule(result)).toEqual({ good: [40, 35], bad: [-10, -10] });
  });

  it('engagement caps apply the same way and name the activities behind each rule', () => {
    const m = model([{ id: 'g', label: 'G', cap: 10, rules: [titleRule('ceo', 10)] }], [
      { id: 'mail', label: 'Mail', cap: 25, rules: [eventRule('sent', 10, ['email.sent']), eventRule('received', 5, ['email.received'])] },
    ]);
    const activities = [...events('email.sent', 3), ...events('email.received', 2), ...events('note.added', 4)];
    const result = scoreContact(m, { contact: contact(), activities }, NOW);
    expect(result.engagement).toBe(25);
    expect(result.explanation.rules).toEqual([
      { ruleId: 'sent', label: 'sent', dimension: 'engagement', groupId: 'mail', rawPoints: 30, points: 19, activityIds: ['email.sent-0', 'email.sent-1', 'email.sent-2'] },
      { ruleId: 'received', label: 'received', dimension: 'engagement', groupId: 'mail', rawPoints: 10, points: 6, activityIds: ['email.received-0', 'email.received-1'] },
    ]);
  });
});

describe('combination and grade', () => {
  it('total = round((fit × wFit + engagement × wEng) / 100), halves up, and the explanation says so', () => {
    expect(combineScores(47, 44, { fit: 50, engagement: 50 })).toBe(46); // 45.5
    expect(combineScores(100, 100, { fit: 30, engagement: 70 })).toBe(100);
    const m = model([{ id: 'g', label: 'G', cap: 100, rules: [titleRule('ceo', 33)] }], [{ id: 'e', label: 'E', cap: 100, rules: [eventRule('sent', 7, ['email.sent'])] }]);
    const result = scoreContact(m, { contact: contact({ title: 'CEO' }), activities: events('email.sent', 2) }, NOW);
    expect(result).toMatchObject({ fit: 33, engagement: 14, total: 22 }); // (33 × 40 + 14 × 60) / 100 = 21.6
    expect(result.explanation.total).toEqual({
      fitWeight: 40,
      engagementWeight: 60,
      formula: 'total = round((fit × 40 + engagement × 60) / 100) = round((33 × 40 + 14 × 60) / 100) = 22',
    });
  });

  it.each([
    [60, 50, 'A1'], [59, 50, 'B1'], [30, 49, 'B2'], [29, 20, 'C2'], [29, 19, 'C3'], [100, 0, 'A3'], [0, 100, 'C1'],
  ] as const)('fit %i, engagement %i → %s (default thresholds 60/30, 50/20)', (fit, engagement, grade) => {
    expect(gradeFor(fit, engagement, DEFAULT_SCORING_MODEL.grades)).toBe(grade);
  });
});

describe('crossedThreshold', () => {
  it.each([
    [59, 60, 'up'], [null, 75, 'up'], [undefined, 10, null], [60, 61, null], [60, 59, 'down'], [40, 50, null],
  ] as const)('%s → %s crosses 60: %s', (before, after, expected) => {
    expect(crossedThreshold(before, after, 60)).toBe(expected);
  });
});

describe('default model', () => {
  const score = compileModel(DEFAULT_SCORING_MODEL);
  const vp = contact({ title: 'VP of Sales', emails: [{ address: 'lucia@acme.com' }], companyDomain: 'acme.com', companySize: 200, createdAt: NOW - 40 * DAY });
  const vpActivities = [...events('email.sent', 3, 2), ...events('email.received', 2, 5)];

  it('a VP at a 200-person company who replies beats a gmail address with no activity', () => {
    const engaged = score({ contact: vp, activities: vpActivities }, NOW);
    const stranger = score({ contact: contact({ emails: [{ address: 'someone@gmail.com' }] }), activities: [] }, NOW);
    expect(engaged).toMatchObject({ fit: 57, engagement: 45, total: 51, grade: 'B2' });
    expect(stranger).toMatchObject({ fit: 0, engagement: 0, total: 0, grade: 'C3' });
    expect(pointsByRule(engaged)).toMatchObject({ 'fit.title.vp-director': [22, 22], 'fit.company.mid-market': [25, 25], 'eng.replies.30d': [30, 30] });
  });

  it('a Spanish-titled decision maker at a mid-sized company grades A', () => {
    const founder = contact({ title: 'Fundadora y Directora General', personaRole: 'power_sponsor', companySize: '201-1000', companyDomain: 'sol.es', phones: [{}] });
    const result = score({ contact: founder, activities: [] }, NOW);
    expect(result.fit).toBe(90);
    expect(result.grade).toBe('A3');
    const seniority = result.explanation.groups.find((group) => group.groupId === 'fit.seniority');
    expect(seniority).toMatchObject({ rawPoints: 52, points: 30 });
  });

  it('free mail cancels company points but not seniority', () => {
    const result = score({ contact: contact({ title: 'Gerente', emails: [{ address: 'x@hotmail.es' }], companySize: 30 }), activities: [] }, NOW);
    expect(pointsByRule(result)).toMatchObject({ 'fit.title.manager': [12, 12], 'fit.company.small': [12, 12], 'fit.company.free-mail': [-15, -12] });
    expect(result.fit).toBe(12);
  });

  it('a lost deal cancels the opened deal; silence decays engagement to 0', () => {
    const dealOpened = events('deal.opened', 1, 10);
    expect(score({ contact: vp, activities: dealOpened }, NOW).engagement).toBe(20);
    expect(score({ contact: vp, activities: [...dealOpened, ...events('deal.lost', 1, 3)] }, NOW).engagement).toBe(0);
    const busyMonth = ACTIVITY_TYPES.flatMap((type) => events(type, 2, 5));
    const yearLater = NOW + 365 * DAY;
    expect(score({ contact: vp, activities: busyMonth }, NOW).engagement).toBeGreaterThan(60);
    expect(score({ contact: vp, activities: busyMonth }, yearLater)).toMatchObject({ engagement: 0, explanation: { rules: expect.not.arrayContaining([expect.objectContaining({ dimension: 'engagement' })]) } });
  });

  it('takes a stored Contact and Activity records as they are, plus the profile fields', () => {
    const stored = contactFromHeader({ email: 'marta@acme.com', displayName: 'Marta Gil' }, { id: 'c1', now: NOW - 200 * DAY });
    const logged: Activity[] = [
      { id: 'a1', key: 'k1', type: 'meeting.logged', targetType: 'contact', targetId: 'c1', occurredAt: NOW, createdAt: NOW, createdBy: 'me', summary: 'Demo', data: {} },
    ];
    const input: ScoringInput = { contact: { ...stored, title: 'Head of IT', personaRole: 'champion' }, activities: logged };
    expect(score(input, NOW)).toMatchObject({ fit: 22 + 15 + 5 + 10, engagement: 15 });
  });

  it('scoreContact compiles once per model object', () => {
    const a = scoreContact(DEFAULT_SCORING_MODEL, { contact: vp, activities: vpActivities }, NOW);
    const b = scoreContact(DEFAULT_SCORING_MODEL, { contact: vp, activities: vpActivities }, NOW);
    expect(a).toEqual(b);
  });
});
