// Transactional data: deals, the money figures derived from them, and an RFM segment.
import { z } from 'zod';
import type { LocalisedText } from './lifecycle';
import { CURRENCIES, DEAL_STATUSES } from './profile-values';

export const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;
/** Deals dated up to this far after `now` still pass: clocks and time zones disagree by hours. */
export const FUTURE_TOLERANCE_MS = DAY_MS;

// Lists live in a zod-free module so the sidebar can offer them without bundling zod.
export { CURRENCIES, DEAL_STATUSES } from './profile-values';
export type Currency = (typeof CURRENCIES)[number];

export const CurrencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(CURRENCIES, { error: (issue) => `Unknown currency ${String(issue.input)}` }));

// Cents are compared with a small epsilon because 19.99 * 100 is 1998.9999999999998 in floating point.
const hasAtMostTwoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

export const AmountSchema = z
  .number({ error: 'Amount must be a number' })
  .min(0, 'Amount cannot be negative')
  .max(1e12, 'Amount is too large')
  .refine(hasAtMostTwoDecimals, 'Amount can have at most 2 decimals');

export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A deal as stored; use `dealSchemaAt(now)` when accepting user input, which also rejects future dates. */
export const DealSchema = z.object({
  id: z.string().min(1).max(64),
  contactId: z.string().min(1).max(64),
  title: z.string().trim().min(1, 'Title is required').max(200, 'Title is too long'),
  amount: AmountSchema,
  currency: CurrencySchema,
  /** When it was won, lost or opened (epoch ms). */
  date: z.number({ error: 'Date is required' }).int().nonnegative(),
  status: z.enum(DEAL_STATUSES, { error: 'Status must be open, won or lost' }),
});
export type Deal = z.infer<typeof DealSchema>;

export function dealSchemaAt(now: number, toleranceMs = FUTURE_TOLERANCE_MS) {
  return DealSchema.extend({ date: DealSchema.shape.date.max(now + toleranceMs, 'Date is in the future') });
}

export type TransactionFigures = {
  currency: Currency;
  /** Sum of won deals in `currency` dated up to `now`. */
  totalRevenue: number;
  purchaseCount: number;
  averagePurchase: number;
  /** Purchases per year; see `transactionFigures`. */
  purchaseFrequency: number;
  customerLifetimeValue: number;
  lastPurchaseAt: number | null;
  daysSinceLastPurchase: number | null;
  /** Won deals left out because they are in another currency (no exchange rates here). */
  wonInOtherCurrencies: number;
};

/**
 * Money figures "as of `now`" (later-dated deals are ignored, so a past `now` gives past figures).
 * Purchase frequency = purchases ÷ years from the first purchase to `now`, with a one-year floor:
 * counting to `now` (not to the last purchase) lets silence lower the frequency, and the floor
 * keeps a single recent purchase from reading as hundreds per year.
 * CLV = average purchase × frequency × expected lifetime in years. Values are unrounded: format at display.
 */
export function transactionFigures(
  deals: readonly Deal[],
  options: { now: number; expectedLifetimeYears: number; currency: Currency },
): TransactionFigures {
  const { now, expectedLifetimeYears, currency } = options;
  if (!Number.isFinite(expectedLifetimeYears) || expectedLifetimeYears < 0) throw new RangeError('expectedLifetimeYears must be ≥ 0');
  const won = deals.filter((d) => d.status === 'won' && d.date <= now);
  const purchases = won.filter((d) => d.currency === currency);
  // Summing whole cents keeps 0.1 + 0.2 from drifting.
  const totalRevenue = purchases.reduce((cents, d) => cents + Math.round(d.amount * 100), 0) / 100;
  const purchaseCount = purchases.length;
  const averagePurchase = purchaseCount ? totalRevenue / purchaseCount : 0;
  const dates = purchases.map((d) => d.date);
  const first = dates.length ? Math.min(...dates) : null;
  const last = dates.length ? Math.max(...dates) : null;
  const spanYears = first === null ? 1 : Math.max(1, (now - first) / YEAR_MS);
  const purchaseFrequency = purchaseCount / spanYears;
  return {
    currency,
    totalRevenue,
    purchaseCount,
    averagePurchase,
    purchaseFrequency,
    customerLifetimeValue: averagePurchase * purchaseFrequency * expectedLifetimeYears,
    lastPurchaseAt: last,
    daysSinceLastPurchase: last === null ? null : Math.floor((now - last) / DAY_MS),
    wonInOtherCurrencies: won.length - purchaseCount,
  };
}

const ascending4 = z
  .tuple([z.number(), z.number(), z.number(), z.number()])
  .refine(([a, b, c, d]) => a < b && b < c && c < d, 'Thresholds must be strictly ascending');

/** Four cut points per dimension split it into scores 1–5. */
export const RfmThresholdsSchema = z.object({
  /** Days since last purchase: ≤ 1st cut scores 5, ≤ 2nd 4, … above the 4th scores 1. */
  recencyDays: ascending4,
  /** Purchases per year: below the 1st cut scores 1, ≥ 1st 2, … ≥ 4th scores 5. */
  purchasesPerYear: ascending4,
  /** Total revenue in the figures' currency, scored like frequency. */
  revenue: ascending4,
});
export type RfmThresholds = z.infer<typeof RfmThresholdsSchema>;

/**
 * B2B defaults: buying cycles are quarters to years, so a month is "very recent" and one
 * purchase a year is middling. Revenue cuts suit EUR/USD-sized currencies; pass your own for JPY, CLP….
 */
export const DEFAULT_RFM_THRESHOLDS: RfmThresholds = {
  recencyDays: [30, 90, 180, 365],
  purchasesPerYear: [0.5, 1, 2, 4],
  revenue: [1_000, 5_000, 20_000, 100_000],
};

export const RFM_SEGMENTS = ['champions', 'loyal', 'potential', 'new', 'at_risk', 'hibernating', 'lost'] as const;
export type RfmSegmentId = (typeof RFM_SEGMENTS)[number];
export const RFM_SEGMENT_LABELS: Record<RfmSegmentId, LocalisedText> = {
  champions: { en: 'Champions', es: 'Campeones' },
  loyal: { en: 'Loyal', es: 'Leales' },
  potential: { en: 'Potential', es: 'Potenciales' },
  new: { en: 'New', es: 'Nuevos' },
  at_risk: { en: 'At risk', es: 'En riesgo' },
  hibernating: { en: 'Hibernating', es: 'Hibernando' },
  lost: { en: 'Lost', es: 'Perdidos' },
};

export type RfmScore = 1 | 2 | 3 | 4 | 5;
export type RfmResult = { recency: RfmScore; frequency: RfmScore; monetary: RfmScore; segment: RfmSegmentId; label: LocalisedText };

const scoreAtLeast = (value: number, cuts: readonly number[]) => (1 + cuts.filter((c) => value >= c).length) as RfmScore;
const scoreAtMost = (value: number, cuts: readonly number[]) => (1 + cuts.filter((c) => value <= c).length) as RfmScore;

/**
 * R/F/M scores and a segment, or null for someone who never bought (RFM describes buyers).
 * Segments, first match wins (FM = rounded mean of F and M):
 * new: R ≥ 4 and one purchase · champions: R ≥ 4, FM ≥ 4 · loyal: R ≥ 3, FM ≥ 3 · potential: R ≥ 3 ·
 * at risk: R ≤ 2, FM ≥ 3 · hibernating: R = 2 · lost: R = 1.
 */
export function rfmSegment(figures: TransactionFigures, thresholds: RfmThresholds = DEFAULT_RFM_THRESHOLDS): RfmResult | null {
  if (figures.purchaseCount === 0 || figures.daysSinceLastPurchase === null) return null;
  const recency = scoreAtMost(figures.daysSinceLastPurchase, thresholds.recencyDays);
  const frequency = scoreAtLeast(figures.purchaseFrequency, thresholds.purchasesPerYear);
  const monetary = scoreAtLeast(figures.totalRevenue, thresholds.revenue);
  const fm = Math.round((frequency + monetary) / 2);
  const segment: RfmSegmentId =
    recency >= 4 && figures.purchaseCount === 1 ? 'new'
    : recency >= 4 && fm >= 4 ? 'champions'
    : recency >= 3 && fm >= 3 ? 'loyal'
    : recency >= 3 ? 'potential'
    : fm >= 3 ? 'at_risk'
    : recency === 2 ? 'hibernating'
    : 'lost';
  return { recency, frequency, monetary, segment, label: RFM_SEGMENT_LABELS[segment] };
}
