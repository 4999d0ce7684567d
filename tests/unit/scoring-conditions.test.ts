import { describe, expect, it } from 'vitest';
import type { ActivityType } from '@/lib/domain/activity';
import {
  companySizeBand,
  decayWeight,
  parseScoringModel,
  scoreContact,
  type EngagementConditionInput,
  type FitCondition,
  type ScoringContact,
  type ScoringModel,
  type ScoringModelInput,
} from '@/lib/domain/scoring';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 31, 12);

function modelWith(fit: FitCondition | null, engagement: EngagementConditionInput | null, points = 100): ScoringModel {
  const input: ScoringModelInput = {
    id: 'test',
    label: 'Test',
    fit: { cap: 100, groups: [{ id: 'f', label: 'F', cap: 100, rules: [{ id: 'f1', label: 'Fit rule', points, condition: fit ?? { type: 'freeMail' } }] }] },
    engagement: {
      cap: 100,
      groups: [{ id: 'e', label: 'E', cap: 100, rules: [{ id: 'e1', label: 'Eng rule', points, condition: engagement ?? { type: 'activityCount', types: ['survey.answered'] } }] }],
    },
    weights: { fit: 50, engagement: 50 },
    grades: { fitA: 2, fitB: 1, engagement1: 2, engagement2: 1 },
    mqlThreshold: 0,
  };
  const parsed = parseScoringModel(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.model;
}

const contact = (overrides: Partial<ScoringContact> = {}): ScoringContact => ({
  title: '',
  emails: [{ address: 'ana@acme.com' }],
  tags: [],
  createdAt: NOW,
  ...overrides,
});
const activity = (type: ActivityType, daysAgo: number, id = `${type}-${daysAgo}`) => ({ id, type, occurredAt: NOW - daysAgo * DAY });

const fitOf = (condition: FitCondition, c: ScoringContact, now = NOW) => scoreContact(modelWith(condition, null), { contact: c, activities: [] }, now).fit;
const engagementOf = (condition: EngagementConditionInput, activities: ReturnType<typeof activity>[], now = NOW, points = 100) =>
  scoreContact(modelWith(null, condition, points), { contact: contact(), activities }, now).engagement;

describe('fit conditions', () => {
  it.each([
    ['VP of Sales', ['vp'], true],
    ['Vice-President, EMEA', ['vice president'], true],
    ['Directora de Márketing', ['directora'], true],
    ['Head of Marketing', ['marketing'], true],
    ['CEO & Co-Founder', ['founder'], true],
    ['Development Lead', ['dev'], false],
    ['Sales Operations', ['vp', 'ceo'], false],
    ['', ['ceo'], false],
  ])('titleMatches: %s with %o → %s', (title, keywords, matches) => {
    expect(fitOf({ type: 'titleMatches', keywords }, contact({ title }))).toBe(matches ? 100 : 0);
  });

  it('personaRoleIs matches the record role ids', () => {
    const condition: FitCondition = { type: 'personaRoleIs', roles: ['power_sponsor', 'economic_evaluator'] };
    expect(fitOf(condition, contact({ personaRole: 'economic_evaluator' }))).toBe(100);
    expect(fitOf(condition, contact({ personaRole: 'vetoer' }))).toBe(0);
    expect(fitOf(condition, contact())).toBe(0);
  });

  it('industryIs ignores case, accents and spacing', () => {
    const condition: FitCondition = { type: 'industryIs', values: ['Telecomunicación', 'software'] };
    expect(fitOf(condition, contact({ industry: ' telecomunicacion ' }))).toBe(100);
    expect(fitOf(condition, contact({ industry: 'Software' }))).toBe(100);
    expect(fitOf(condition, contact({ industry: 'Retail' }))).toBe(0);
  });

  it('companySizeIn takes a band or a head count', () => {
    const condition: FitCondition = { type: 'companySizeIn', bands: ['51-200'] };
    expect(fitOf(condition, contact({ companySize: '51-200' }))).toBe(100);
    expect(fitOf(condition, contact({ companySize: 200 }))).toBe(100);
    expect(fitOf(condition, contact({ companySize: 201 }))).toBe(0);
    expect(fitOf(condition, contact({ companySize: Number.NaN }))).toBe(0);
  });

  it('companySizeBand maps head counts to the record bands', () => {
    expect([0, 10, 11, 50, 51, 200, 201, 1000, 1001, 5000, 5001, 1e9].map(companySizeBand)).toEqual([
      '1-10', '1-10', '11-50', '11-50', '51-200', '51-200', '201-1000', '201-1000', '1001-5000', '1001-5000', '5000+', '5000+',
    ]);
    expect(companySizeBand(-1)).toBeUndefined();
  });

  it('freeMail fires only when every address is on a free-mail domain', () => {
    const condition: FitCondition = { type: 'freeMail' };
    expect(fitOf(condition, contact({ emails: [{ address: 'ana@gmail.com' }] }))).toBe(100);
    expect(fitOf(condition, contact({ emails: [{ address: 'Ana@Yahoo.es' }, { address: 'ana@hotmail.com' }] }))).toBe(100);
    expect(fitOf(condition, contact({ emails: [{ address: 'ana@gmail.com' }, { address: 'ana@acme.com' }] }))).toBe(0);
    expect(fitOf(condition, contact({ emails: [] }))).toBe(0);
  });

  it('countryIn compares ISO codes case-insensitively', () => {
    const condition: FitCondition = { type: 'countryIn', codes: ['ES', 'MX'] };
    expect(fitOf(condition, contact({ country: 'mx' }))).toBe(100);
    expect(fitOf(condition, contact({ country: 'US' }))).toBe(0);
    expect(fitOf(condition, contact())).toBe(0);
  });

  it('hasTag matches any tag, folded', () => {
    const condition: FitCondition = { type: 'hasTag', tags: ['Partner'] };
    expect(fitOf(condition, contact({ tags: ['lead', 'partner'] }))).toBe(100);
    expect(fitOf(condition, contact({ tags: ['partners'] }))).toBe(0);
  });

  it('daysInDatabaseAtLeast counts from createdAt, boundary included', () => {
    const condition: FitCondition = { type: 'daysInDatabaseAtLeast', days: 30 };
    const c = contact({ createdAt: NOW - 30 * DAY });
    expect(fitOf(condition, c)).toBe(100);
    expect(fitOf(condition, c, NOW - 1)).toBe(0);
  });

  it('fieldPresent treats blank strings and empty lists as missing', () => {
    expect(fitOf({ type: 'fieldPresent', field: 'phones' }, contact({ phones: [{ number: '+34 600 000 000' }] }))).toBe(100);
    expect(fitOf({ type: 'fieldPresent', field: 'phones' }, contact({ phones: [] }))).toBe(0);
    expect(fitOf({ type: 'fieldPresent', field: 'industry' }, contact({ industry: '  ' }))).toBe(0);
    expect(fitOf({ type: 'fieldPresent', field: 'companySize' }, contact({ companySize: 12 }))).toBe(100);
    expect(fitOf({ type: 'fieldPresent', field: 'title' }, contact({ title: 'CTO' }))).toBe(100);
  });
});

describe('activityCount', () => {
  const replies: EngagementConditionInput = { type: 'activityCount', types: ['email.sent'] };

  it('counts only the listed types', () => {
    expect(engagementOf({ ...replies, perEvent: true }, [activity('email.received', 1), activity('note.added', 1)], NOW, 10)).toBe(0);
    expect(engagementOf({ ...replies, perEvent: true }, [activity('email.sent', 1), activity('email.received', 1)], NOW, 10)).toBe(10);
  });

  it('perEvent multiplies, a flag gives its points once', () => {
    const three = [activity('email.sent', 1, 'a'), activity('email.sent', 2, 'b'), activity('email.sent', 3, 'c')];
    expect(engagementOf({ ...replies, perEvent: true }, three, NOW, 10)).toBe(30);
    expect(engagementOf(replies, three, NOW, 10)).toBe(10);
  });

  it('fires only from min events', () => {
    const two = [activity('email.sent', 1, 'a'), activity('email.sent', 2, 'b')];
    expect(engagementOf({ ...replies, min: 3 }, two, NOW, 10)).toBe(0);
    expect(engagementOf({ ...replies, min: 2 }, two, NOW, 10)).toBe(10);
  });

  it('withinDays includes the boundary and drops anything older', () => {
    const condition = { ...replies, withinDays: 30 };
    expect(engagementOf(condition, [activity('email.sent', 30)])).toBe(100);
    expect(engagementOf(condition, [activity('email.sent', 30)], NOW + 1)).toBe(0);
  });

  it('decays by half-life at known times', () => {
    const condition = { ...replies, halfLifeDays: 14 };
    expect(engagementOf(condition, [activity('email.sent', 0)])).toBe(100);
    expect(engagementOf(condition, [activity('email.sent', 7)])).toBe(71); // 100 × 2^-0.5 = 70.7
    expect(engagementOf(condition, [activity('email.sent', 14)])).toBe(50);
    expect(engagementOf(condition, [activity('email.sent', 28)])).toBe(25);
    expect(engagementOf(condition, [activity('email.sent', 42)])).toBe(13); // 12.5 rounds up
  });

  it('a decayed flag follows the newest event; perEvent sums the weights', () => {
    const events = [activity('email.sent', 14, 'old'), activity('email.sent', 28, 'older')];
    expect(engagementOf({ ...replies, halfLifeDays: 14 }, events)).toBe(50);
    expect(engagementOf({ ...replies, halfLifeDays: 14, perEvent: true }, events, NOW, 40)).toBe(30); // 40 × (½ + ¼)
  });

  it('expires events after ten half-lives', () => {
    const condition = { ...replies, halfLifeDays: 1, perEvent: true };
    const result = scoreContact(modelWith(null, condition, 100), { contact: contact(), activities: [activity('email.sent', 11)] }, NOW);
    expect(result.engagement).toBe(0);
    expect(result.explanation.rules).toEqual([]);
  });

  it('counts events dated after now (clock skew) as just happened', () => {
    expect(engagementOf({ ...replies, halfLifeDays: 14, withinDays: 1 }, [activity('email.sent', -2)])).toBe(100);
  });

  it('decayWeight halves every half-life', () => {
    expect(decayWeight(0, 14)).toBe(1);
    expect(decayWeight(14 * DAY, 14)).toBeCloseTo(0.5, 12);
    expect(decayWeight(28 * DAY, 14)).toBeCloseTo(0.25, 12);
    expect(decayWeight(-DAY, 14)).toBe(1);
  });
});
