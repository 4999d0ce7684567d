// The closed set of rule conditions a scoring model may use. Fit conditions read the profile and never
// look at time except `daysInDatabaseAtLeast`; the one engagement condition counts activity events.
// Bands, persona roles and country codes are the customer record's (record.ts), so its values score as they are.
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../activity';
import { COMPANY_SIZE_BANDS, CompanySizeBandSchema, CountryCodeSchema, PERSONA_ROLES } from '../record';
import { foldText } from '../search';
import { explained } from './error-keys';

export type CompanySizeBand = (typeof COMPANY_SIZE_BANDS)[number];
export type PersonaRole = (typeof PERSONA_ROLES)[number];

// Keyed by band so a change to the bands in record.ts fails the type check here instead of drifting.
const BAND_UPPER_BOUNDS: Record<CompanySizeBand, number> = {
  '1-10': 10, '11-50': 50, '51-200': 200, '201-1000': 1000, '1001-5000': 5000, '5000+': Infinity,
};
const BANDS_BY_SIZE = (Object.entries(BAND_UPPER_BOUNDS) as [CompanySizeBand, number][]).sort((a, b) => a[1] - b[1]);

/** The band a head count falls in, for callers that store a number rather than a band; none for NaN or < 0. */
export function companySizeBand(employees: number): CompanySizeBand | undefined {
  if (Number.isNaN(employees) || employees < 0) return undefined;
  return BANDS_BY_SIZE.find(([, upper]) => employees <= upper)?.[0];
}

/** Profile fields `fieldPresent` can test; the optional ones are those the caller may not know yet. */
export const SCORABLE_FIELDS = [
  'firstName', 'lastName', 'company', 'companyDomain', 'title', 'phones', 'owner', 'tags',
  'personaRole', 'industry', 'companySize', 'country',
] as const;
export type ScorableField = (typeof SCORABLE_FIELDS)[number];

const MAX_LIST = 100;
// A keyword must keep a letter or digit once folded, or it would match punctuation between words.
const keyword = z.string().trim().min(1).max(80).refine((k) => /[\p{L}\p{N}]/u.test(foldText(k)), { message: 'Needs a letter or digit', ...explained('keywordLetter') });
const listOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, 'List at least one value').max(MAX_LIST);

export const FitConditionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('titleMatches'), keywords: listOf(keyword) }),
  z.strictObject({ type: z.literal('personaRoleIs'), roles: listOf(z.enum(PERSONA_ROLES)) }),
  z.strictObject({ type: z.literal('industryIs'), values: listOf(keyword) }),
  z.strictObject({ type: z.literal('companySizeIn'), bands: listOf(CompanySizeBandSchema) }),
  z.strictObject({ type: z.literal('freeMail') }),
  z.strictObject({ type: z.literal('countryIn'), codes: listOf(CountryCodeSchema) }),
  z.strictObject({ type: z.literal('hasTag'), tags: listOf(keyword) }),
  z.strictObject({ type: z.literal('daysInDatabaseAtLeast'), days: z.number().int().min(0).max(36_500) }),
  z.strictObject({ type: z.literal('fieldPresent'), field: z.enum(SCORABLE_FIELDS) }),
]);
export type FitCondition = z.infer<typeof FitConditionSchema>;

const days = z.number().positive().max(3650);

export const EngagementConditionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('activityCount'),
    types: listOf(z.enum(ACTIVITY_TYPES)),
    /** Only events at most this many days old count. */
    withinDays: days.optional(),
    /** Each event's weight halves every this many days (1 when it happens). */
    halfLifeDays: days.optional(),
    /** true: points per (weighted) event; false: points once, scaled by the newest event's weight. */
    perEvent: z.boolean().default(false),
    /** Events needed (within the window, before decay) for the rule to fire at all. */
    min: z.number().int().min(1).max(10_000).default(1),
  }),
]);
export type EngagementCondition = z.infer<typeof EngagementConditionSchema>;
/** What a model author writes: `perEvent` and `min` may be left out. */
export type EngagementConditionInput = z.input<typeof EngagementConditionSchema>;
