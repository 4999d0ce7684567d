import { describe, expect, it } from 'vitest';
import {
  CURRENCIES,
  CurrencySchema,
  DAY_MS,
  DEFAULT_RFM_THRESHOLDS,
  DealSchema,
  RFM_SEGMENT_LABELS,
  RfmThresholdsSchema,
  dealSchemaAt,
  rfmSegment,
  transactionFigures,
  type Deal,
  type TransactionFigures,
} from '@/lib/domain/transactions';

const now = 1_750_000_000_000;
const YEAR = 365.25 * DAY_MS;
const deal = (over: Partial<Deal> = {}): Deal => ({
  id: 'd1',
  contactId: 'c1',
  title: 'Annual licence',
  amount: 1200,
  currency: 'EUR',
  date: now - 10 * DAY_MS,
  status: 'won',
  ...over,
});
const firstMessage = (result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) => result.error?.issues[0]?.message;

describe('DealSchema', () => {
  it('accepts a valid deal and normalises the currency', () => {
    expect(DealSchema.parse({ ...deal(), currency: ' usd ', title: '  Renewal ' })).toMatchObject({ currency: 'USD', title: 'Renewal' });
  });
  it.each(CURRENCIES)('knows %s', (code) => expect(CurrencySchema.parse(code)).toBe(code));
  it.each([
    [{ amount: -1 }, 'Amount cannot be negative'],
    [{ amount: 10.005 }, 'Amount can have at most 2 decimals'],
    [{ amount: 2e12 }, 'Amount is too large'],
    [{ amount: '10' }, 'Amount must be a number'],
    [{ currency: 'XYZ' }, 'Unknown currency XYZ'],
    [{ currency: 'btc' }, 'Unknown currency BTC'],
    [{ title: '   ' }, 'Title is required'],
    [{ title: 'x'.repeat(201) }, 'Title is too long'],
    [{ status: 'pending' }, 'Status must be open, won or lost'],
    [{ date: undefined }, 'Date is required'],
  ])('%j → %s', (override, message) => {
    expect(firstMessage(DealSchema.safeParse({ ...deal(), ...override }))).toBe(message);
  });
  it('accepts amounts with two decimals despite floating point', () => {
    for (const amount of [0, 0.1, 19.99, 1234.56, 0.07]) expect(DealSchema.safeParse(deal({ amount })).success).toBe(true);
  });
});

describe('dealSchemaAt', () => {
  it('rejects dates in the future beyond the tolerance', () => {
    const schema = dealSchemaAt(now);
    expect(schema.safeParse(deal({ date: now + DAY_MS })).success).toBe(true);
    const late = schema.safeParse(deal({ date: now + DAY_MS + 1 }));
    expect(late.error?.issues).toEqual([expect.objectContaining({ path: ['date'], message: 'Date is in the future' })]);
  });
  it('takes a custom tolerance', () => {
    expect(dealSchemaAt(now, 0).safeParse(deal({ date: now + 1 })).success).toBe(false);
  });
  it('still applies the base rules', () => {
    expect(firstMessage(dealSchemaAt(now).safeParse(deal({ amount: -5 })))).toBe('Amount cannot be negative');
  });
});

describe('transactionFigures', () => {
  const options = { now, expectedLifetimeYears: 5, currency: 'EUR' as const };

  it('is all zeros and nulls without purchases', () => {
    expect(transactionFigures([deal({ status: 'open' }), deal({ status: 'lost' })], options)).toEqual({
      currency: 'EUR',
      totalRevenue: 0,
      purchaseCount: 0,
      averagePurchase: 0,
      purchaseFrequency: 0,
      customerLifetimeValue: 0,
      lastPurchaseAt: null,
      daysSinceLastPurchase: null,
      wonInOtherCurrencies: 0,
    });
  });
  it('sums won deals in the currency and floors the span at one year', () => {
    const f = transactionFigures([deal({ amount: 1000, date: now - 100 * DAY_MS }), deal({ amount: 500.5, date: now - 20 * DAY_MS })], options);
    expect(f).toMatchObject({ totalRevenue: 1500.5, purchaseCount: 2, averagePurchase: 750.25, purchaseFrequency: 2, daysSinceLastPurchase: 20 });
    expect(f.customerLifetimeValue).toBeCloseTo(750.25 * 2 * 5);
    expect(f.lastPurchaseAt).toBe(now - 20 * DAY_MS);
  });
  it('spreads frequency over the years from the first purchase to now', () => {
    const f = transactionFigures([deal({ date: now - 4 * YEAR }), deal({ date: now - 3 * YEAR }), deal({ date: now - 2 * YEAR })], options);
    expect(f.purchaseFrequency).toBeCloseTo(0.75);
    expect(f.daysSinceLastPurchase).toBe(730);
  });
  it('keeps cents exact', () => {
    expect(transactionFigures([deal({ amount: 0.1 }), deal({ amount: 0.2 })], options).totalRevenue).toBe(0.3);
  });
  it('counts won deals in other currencies apart, and ignores deals dated after now', () => {
    const f = transactionFigures([deal({ currency: 'USD' }), deal({ date: now + DAY_MS }), deal()], options);
    expect(f).toMatchObject({ purchaseCount: 1, wonInOtherCurrencies: 1 });
  });
  it('rejects a negative or non-finite lifetime', () => {
    expect(() => transactionFigures([], { ...options, expectedLifetimeYears: -1 })).toThrow(RangeError);
    expect(() => transactionFigures([], { ...options, expectedLifetimeYears: Number.NaN })).toThrow(RangeError);
  });
});

describe('rfmSegment', () => {
  const figures = (over: Partial<TransactionFigures>): TransactionFigures => ({
    ...transactionFigures([deal()], { now, expectedLifetimeYears: 3, currency: 'EUR' }),
    ...over,
  });

  it('is null for someone who never bought', () => {
    expect(rfmSegment(transactionFigures([], { now, expectedLifetimeYears: 3, currency: 'EUR' }))).toBeNull();
  });
  it.each([
    // days, purchases, per year, revenue → R F M segment
    [10, 1, 1, 800, [5, 3, 1], 'new'],
    [10, 12, 6, 150_000, [5, 5, 5], 'champions'],
    [60, 5, 2, 25_000, [4, 4, 4], 'champions'],
    [120, 4, 2, 8_000, [3, 4, 3], 'loyal'],
    [60, 3, 0.6, 2_000, [4, 2, 2], 'potential'],
    [150, 2, 0.4, 500, [3, 1, 1], 'potential'],
    [300, 6, 2, 30_000, [2, 4, 4], 'at_risk'],
    [800, 10, 1, 50_000, [1, 3, 4], 'at_risk'],
    [300, 2, 0.4, 1_500, [2, 1, 2], 'hibernating'],
    [800, 1, 0.3, 400, [1, 1, 1], 'lost'],
  ] as const)('%i days, %i purchases, %f/yr, %i € → %j %s', (days, count, perYear, revenue, scores, segment) => {
    const r = rfmSegment(figures({ daysSinceLastPurchase: days, purchaseCount: count, purchaseFrequency: perYear, totalRevenue: revenue }));
    expect(r && [r.recency, r.frequency, r.monetary]).toEqual(scores);
    expect(r?.segment).toBe(segment);
    expect(r?.label).toEqual(RFM_SEGMENT_LABELS[segment]);
  });
  it('uses custom thresholds', () => {
    const thresholds = { ...DEFAULT_RFM_THRESHOLDS, revenue: [100_000, 500_000, 2_000_000, 10_000_000] as [number, number, number, number] };
    expect(rfmSegment(figures({ totalRevenue: 150_000, daysSinceLastPurchase: 10, purchaseCount: 3, purchaseFrequency: 3 }), thresholds)?.monetary).toBe(2);
  });
  it('has Spanish names', () => {
    expect(Object.values(RFM_SEGMENT_LABELS).map((l) => l.es)).toEqual(['Campeones', 'Leales', 'Potenciales', 'Nuevos', 'En riesgo', 'Hibernando', 'Perdidos']);
  });
  it('validates thresholds', () => {
    expect(RfmThresholdsSchema.safeParse(DEFAULT_RFM_THRESHOLDS).success).toBe(true);
    expect(firstMessage(RfmThresholdsSchema.safeParse({ ...DEFAULT_RFM_THRESHOLDS, recencyDays: [30, 30, 60, 90] }))).toBe(
      'Thresholds must be strictly ascending',
    );
  });
});
