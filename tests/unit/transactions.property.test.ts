import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, DAY_MS, DEAL_STATUSES, DealSchema, rfmSegment, transactionFigures, type Deal } from '@/lib/domain/transactions';

const now = 1_750_000_000_000;

const dealArb: fc.Arbitrary<Deal> = fc.record({
  id: fc.uuid(),
  contactId: fc.constant('c1'),
  title: fc.constant('Deal'),
  amount: fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100),
  currency: fc.constantFrom(...CURRENCIES.slice(0, 3)),
  date: fc.integer({ min: now - 3650 * DAY_MS, max: now + 5 * DAY_MS }),
  status: fc.constantFrom(...DEAL_STATUSES),
});
const optionsArb = fc.record({
  now: fc.constant(now),
  expectedLifetimeYears: fc.double({ min: 0, max: 30, noNaN: true }),
  currency: fc.constantFrom(...CURRENCIES.slice(0, 3)),
});

describe('transactionFigures properties', () => {
  it('generated deals are valid', () => {
    fc.assert(fc.property(dealArb, (d) => DealSchema.safeParse(d).success));
  });

  it('CLV = average × frequency × lifetime, revenue ≥ 0, counts consistent', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { maxLength: 30 }), optionsArb, (deals, options) => {
        const f = transactionFigures(deals, options);
        const wonUpToNow = deals.filter((d) => d.status === 'won' && d.date <= now);
        expect(f.totalRevenue).toBeGreaterThanOrEqual(0);
        expect(f.purchaseCount + f.wonInOtherCurrencies).toBe(wonUpToNow.length);
        expect(f.purchaseCount).toBe(wonUpToNow.filter((d) => d.currency === options.currency).length);
        expect(f.customerLifetimeValue).toBeCloseTo(f.averagePurchase * f.purchaseFrequency * options.expectedLifetimeYears, 6);
        if (f.purchaseCount === 0) {
          expect([f.totalRevenue, f.averagePurchase, f.purchaseFrequency, f.daysSinceLastPurchase]).toEqual([0, 0, 0, null]);
        } else {
          expect(f.averagePurchase * f.purchaseCount).toBeCloseTo(f.totalRevenue, 6);
          // The one-year floor: never more purchases per year than purchases.
          expect(f.purchaseFrequency).toBeLessThanOrEqual(f.purchaseCount);
          expect(f.purchaseFrequency).toBeGreaterThan(0);
          expect(f.daysSinceLastPurchase).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('RFM scores stay within 1–5 for any buyer', () => {
    fc.assert(
      fc.property(fc.array(dealArb, { minLength: 1, maxLength: 30 }), optionsArb, (deals, options) => {
        const r = rfmSegment(transactionFigures(deals, options));
        if (!r) return;
        for (const score of [r.recency, r.frequency, r.monetary]) expect(score >= 1 && score <= 5).toBe(true);
      }),
    );
  });
});
