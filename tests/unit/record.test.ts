import { describe, expect, it } from 'vitest';
import type { Activity, ActivityType } from '@/lib/domain/activity';
import {
  COUNTRY_CODES,
  CompanySchema,
  ContactProfileSchema,
  HttpUrlSchema,
  SurveyAnswerDataSchema,
  relationalFigures,
} from '@/lib/domain/record';

let seq = 0;
const activity = (type: ActivityType, occurredAt: number, data: Record<string, unknown> = {}): Activity => ({
  id: `a${++seq}`,
  key: `k${seq}`,
  type,
  targetType: 'contact',
  targetId: 'c1',
  occurredAt,
  createdAt: occurredAt,
  createdBy: 'ana@x.com',
  summary: '',
  data,
});
const messageOf = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;
const pathOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues[0]?.path.join('.');

describe('relationalFigures', () => {
  it('is empty for an empty timeline', () => {
    expect(relationalFigures([])).toEqual({
      firstContactedAt: null,
      lastContactedAt: null,
      emailsIn: 0,
      emailsOut: 0,
      lastReplyAt: null,
      ctaInserts: 0,
      notes: 0,
    });
  });
  it('derives the figures from an unordered timeline', () => {
    const timeline = [
      activity('email.received', 500),
      activity('note.added', 50),
      activity('email.sent', 300),
      activity('email.received', 100),
      activity('meeting.logged', 900),
      activity('cta.inserted', 300),
      activity('cta.inserted', 310),
      activity('stage.changed', 10),
      activity('deal.won', 1000),
    ];
    expect(relationalFigures(timeline)).toEqual({
      firstContactedAt: 100,
      lastContactedAt: 900,
      emailsIn: 2,
      emailsOut: 1,
      lastReplyAt: 500,
      ctaInserts: 2,
      notes: 1,
    });
  });
  it('has no reply while we never wrote, or they did not write back', () => {
    expect(relationalFigures([activity('email.received', 100)]).lastReplyAt).toBeNull();
    expect(relationalFigures([activity('email.received', 100), activity('email.sent', 200)]).lastReplyAt).toBeNull();
  });
  it('counts an event logged twice (same key) once', () => {
    const email = activity('email.received', 100);
    expect(relationalFigures([email, { ...email, id: 'other-id' }]).emailsIn).toBe(1);
  });
  it('keeps the latest valid NPS and CSAT answers', () => {
    const f = relationalFigures([
      activity('survey.answered', 100, { kind: 'nps', score: 6 }),
      activity('survey.answered', 300, { kind: 'nps', score: 9 }),
      activity('survey.answered', 400, { kind: 'nps', score: 11 }),
      activity('survey.answered', 200, { kind: 'csat', score: 4 }),
      activity('survey.answered', 500, { kind: 'stars', score: 4 }),
    ]);
    expect(f.lastNps).toEqual({ score: 9, at: 300 });
    expect(f.lastCsat).toEqual({ score: 4, at: 200 });
  });
  it('validates survey answers by kind', () => {
    expect(SurveyAnswerDataSchema.safeParse({ kind: 'nps', score: 0 }).success).toBe(true);
    expect(SurveyAnswerDataSchema.safeParse({ kind: 'csat', score: 0 }).success).toBe(false);
    expect(SurveyAnswerDataSchema.safeParse({ kind: 'nps', score: 7.5 }).success).toBe(false);
  });
});

describe('HttpUrlSchema', () => {
  it.each(['https://acme.com', 'http://acme.com/about?x=1', ' https://www.linkedin.com/in/ana '])('accepts %s', (url) => {
    expect(HttpUrlSchema.safeParse(url).success).toBe(true);
  });
  it.each(['javascript:alert(1)', 'data:text/html,hi', 'ftp://acme.com', 'acme.com', '', 'https://'])('rejects %j', (url) => {
    expect(messageOf(HttpUrlSchema.safeParse(url))).toBe('Must be a link starting with http:// or https://');
  });
  it('caps the length', () => {
    expect(messageOf(HttpUrlSchema.safeParse(`https://a.com/${'x'.repeat(2048)}`))).toBe('Link is too long');
  });
});

describe('ContactProfileSchema', () => {
  it('fills every block from nothing', () => {
    expect(ContactProfileSchema.parse({})).toEqual({ general: {}, contactData: { socialProfiles: [] }, segmentation: {} });
  });
  it('accepts a complete profile', () => {
    const profile = {
      general: { language: 'es-MX', location: 'Monterrey' },
      contactData: { website: 'https://acme.mx', socialProfiles: ['https://www.linkedin.com/in/ana'], preferredChannel: 'whatsapp' },
      segmentation: { personaRole: 'economic_evaluator', industry: 'Retail', companySize: '51-200', source: 'referral' },
    };
    expect(ContactProfileSchema.parse(profile)).toEqual(profile);
  });
  it.each([
    [{ general: { language: 'Spanish' } }, 'general.language', 'Not a language code (e.g. es, en-GB)'],
    [{ general: { location: 'x'.repeat(201) } }, 'general.location', 'Location is too long (max 200)'],
    [{ contactData: { website: 'javascript:alert(1)' } }, 'contactData.website', 'Must be a link starting with http:// or https://'],
    [{ contactData: { socialProfiles: ['https://ok.com', 'mailto:a@b.c'] } }, 'contactData.socialProfiles.1', 'Must be a link starting with http:// or https://'],
    [{ contactData: { socialProfiles: Array(11).fill('https://a.com') } }, 'contactData.socialProfiles', 'At most 10 social profiles'],
    [{ contactData: { preferredChannel: 'fax' } }, 'contactData.preferredChannel', 'Preferred channel must be one of: email, phone, whatsapp, linkedin, meeting'],
    [
      { segmentation: { personaRole: 'boss' } },
      'segmentation.personaRole',
      'Persona role must be one of: technical_evaluator, economic_evaluator, champion, power_sponsor, vetoer, user, other',
    ],
    [{ segmentation: { industry: 'x'.repeat(101) } }, 'segmentation.industry', 'Industry is too long (max 100)'],
    [{ segmentation: { companySize: '10-20' } }, 'segmentation.companySize', 'Company size must be one of: 1-10, 11-50, 51-200, 201-1000, 1001-5000, 5000+'],
    [{ segmentation: { source: 'tv' } }, 'segmentation.source', 'Source must be one of: organic, paid, referral, event, import, manual'],
  ])('%j → %s: %s', (input, path, message) => {
    const result = ContactProfileSchema.safeParse(input);
    expect(pathOf(result)).toBe(path);
    expect(messageOf(result)).toBe(message);
  });
});

describe('CompanySchema', () => {
  it('keys a company by its lowercased domain and normalises the country', () => {
    expect(CompanySchema.parse({ domain: ' Acme-Corp.CO.uk ', name: 'Acme', country: 'gb', sizeBand: '11-50' })).toEqual({
      domain: 'acme-corp.co.uk',
      name: 'Acme',
      industry: '',
      sizeBand: '11-50',
      country: 'GB',
    });
  });
  it('lists the 249 assigned country codes', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const code of ['ES', 'MX', 'US', 'AR', 'BR', 'SS']) expect(COUNTRY_CODES).toContain(code);
  });
  it.each([
    [{ domain: 'acme' }, 'domain', 'Not a domain (e.g. acme.com)'],
    [{ domain: 'https://acme.com' }, 'domain', 'Not a domain (e.g. acme.com)'],
    [{ domain: '-acme.com' }, 'domain', 'Not a domain (e.g. acme.com)'],
    [{ name: '  ' }, 'name', 'Name is required'],
    [{ name: 'x'.repeat(201) }, 'name', 'Name is too long (max 200)'],
    [{ industry: 'x'.repeat(101) }, 'industry', 'Industry is too long (max 100)'],
    [{ sizeBand: 'huge' }, 'sizeBand', 'Company size must be one of: 1-10, 11-50, 51-200, 201-1000, 1001-5000, 5000+'],
    [{ country: 'UK' }, 'country', 'Not an ISO 3166 country code (e.g. ES, MX, US)'],
    [{ country: 'ESP' }, 'country', 'Not an ISO 3166 country code (e.g. ES, MX, US)'],
  ])('%j → %s: %s', (override, path, message) => {
    const result = CompanySchema.safeParse({ domain: 'acme.com', name: 'Acme', ...override });
    expect(pathOf(result)).toBe(path);
    expect(messageOf(result)).toBe(message);
  });
});
