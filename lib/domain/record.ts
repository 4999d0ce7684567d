// The customer record beyond Contact: relational figures from the timeline, the extended profile, the company.
import { z } from 'zod';
import type { Activity, ActivityType } from './activity';
import { COMPANY_SIZE_BANDS, CONTACT_SOURCES, PERSONA_ROLES, PREFERRED_CHANNELS } from './profile-values';

/** Answer payload of a `survey.answered` activity; writers validate with it, readers skip what fails. */
export const SurveyAnswerDataSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('nps'), score: z.number().int().min(0).max(10) }),
  z.object({ kind: z.literal('csat'), score: z.number().int().min(1).max(5) }),
]);
export type SurveyAnswerData = z.infer<typeof SurveyAnswerDataSchema>;

export type SurveyResult = { score: number; at: number };
export type RelationalFigures = {
  /** First and last email (either way) or meeting: when the two sides were last in touch. */
  firstContactedAt: number | null;
  lastContactedAt: number | null;
  emailsIn: number;
  emailsOut: number;
  /** Latest inbound email sent after we had written to them: they answered us. */
  lastReplyAt: number | null;
  ctaInserts: number;
  notes: number;
  lastNps?: SurveyResult;
  lastCsat?: SurveyResult;
};

const CONTACT_TYPES: readonly ActivityType[] = ['email.received', 'email.sent', 'meeting.logged'];

const maxOf = (values: number[]) => (values.length ? Math.max(...values) : null);
const minOf = (values: number[]) => (values.length ? Math.min(...values) : null);

function latestSurvey(activities: readonly Activity[], kind: SurveyAnswerData['kind']): SurveyResult | undefined {
  let latest: { result: SurveyResult; key: string } | undefined;
  for (const a of activities) {
    if (a.type !== 'survey.answered') continue;
    const answer = SurveyAnswerDataSchema.safeParse(a.data);
    if (!answer.success || answer.data.kind !== kind) continue;
    // Ties on time fall back to the key, so the answer never depends on the timeline's order.
    const later = !latest || a.occurredAt > latest.result.at || (a.occurredAt === latest.result.at && a.key > latest.key);
    if (later) latest = { result: { score: answer.data.score, at: a.occurredAt }, key: a.key };
  }
  return latest?.result;
}

/** Relational figures from a contact's timeline, in any order; an event logged twice (same key) counts once. */
export function relationalFigures(timeline: readonly Activity[]): RelationalFigures {
  const activities = [...new Map(timeline.map((a) => [a.key, a])).values()];
  const timesOf = (type: ActivityType) => activities.filter((a) => a.type === type).map((a) => a.occurredAt);
  const contactTimes = activities.filter((a) => CONTACT_TYPES.includes(a.type)).map((a) => a.occurredAt);
  const received = timesOf('email.received');
  const sent = timesOf('email.sent');
  const firstSent = minOf(sent);
  const figures: RelationalFigures = {
    firstContactedAt: minOf(contactTimes),
    lastContactedAt: maxOf(contactTimes),
    emailsIn: received.length,
    emailsOut: sent.length,
    lastReplyAt: firstSent === null ? null : maxOf(received.filter((t) => t > firstSent)),
    ctaInserts: timesOf('cta.inserted').length,
    notes: timesOf('note.added').length,
  };
  const nps = latestSurvey(activities, 'nps');
  const csat = latestSurvey(activities, 'csat');
  if (nps) figures.lastNps = nps;
  if (csat) figures.lastCsat = csat;
  return figures;
}

const text = (max: number, what: string) => z.string().trim().max(max, `${what} is too long (max ${max})`);

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
/** Only http(s): a javascript: or data: link on a card would run or render attacker content. */
export const HttpUrlSchema = z.string().trim().max(2048, 'Link is too long').refine(isHttpUrl, 'Must be a link starting with http:// or https://');

// The lists live in a zod-free module so the sidebar can offer them as choices without bundling zod.
export { COMPANY_SIZE_BANDS, CONTACT_SOURCES, PERSONA_ROLES, PREFERRED_CHANNELS } from './profile-values';

const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `${what} must be one of: ${values.join(', ')}` });

export const CompanySizeBandSchema = choice(COMPANY_SIZE_BANDS, 'Company size');

/** BCP 47 language tag as browsers report it: "es", "en-GB", "es-419". */
export const LanguageSchema = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Not a language code (e.g. es, en-GB)');

// Blocks use prefault so a missing block is parsed (and gets its inner defaults) rather than copied.
export const ContactProfileSchema = z.object({
  general: z
    .object({ language: LanguageSchema.optional(), location: text(200, 'Location').optional() })
    .prefault({}),
  contactData: z
    .object({
      website: HttpUrlSchema.optional(),
      socialProfiles: z.array(HttpUrlSchema).max(10, 'At most 10 social profiles').default([]),
      preferredChannel: choice(PREFERRED_CHANNELS, 'Preferred channel').optional(),
    })
    .prefault({}),
  segmentation: z
    .object({
      personaRole: choice(PERSONA_ROLES, 'Persona role').optional(),
      industry: text(100, 'Industry').optional(),
      companySize: CompanySizeBandSchema.optional(),
      source: choice(CONTACT_SOURCES, 'Source').optional(),
    })
    .prefault({}),
});
export type ContactProfile = z.infer<typeof ContactProfileSchema>;

// ISO 3166-1 alpha-2, officially assigned codes (249).
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
  'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRIES = new Set(COUNTRY_CODES);

/** An ISO 3166-1 alpha-2 code, upper case. */
export const isCountryCode = (code: string): boolean => COUNTRIES.has(code);

export const CountryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => COUNTRIES.has(code), 'Not an ISO 3166 country code (e.g. ES, MX, US)');

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A company, keyed by its web domain (the same key contact.ts derives from an address). */
export const CompanySchema = z.object({
  domain: z.string().trim().toLowerCase().regex(DOMAIN, 'Not a domain (e.g. acme.com)'),
  name: text(200, 'Name').min(1, 'Name is required'),
  industry: text(100, 'Industry').default(''),
  sizeBand: CompanySizeBandSchema.optional(),
  country: CountryCodeSchema.optional(),
});
export type Company = z.infer<typeof CompanySchema>;
