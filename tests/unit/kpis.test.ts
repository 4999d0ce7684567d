import { describe, expect, it } from 'vitest';
import { ctaConversion, funnelConversion, leadConversionRate, lifetimeValue, netPromoterScore, retentionRate, revenuePerCustomer } from '@/lib/domain/kpis';

const DAY = 86_400_000;

describe('relationship KPIs', () => {
  it('retention rate = (end − new) / start × 100, null without customers at the start', () => {
    expect(retentionRate({ customersAtStart: 200, customersAtEnd: 210, newCustomers: 30 })).toEqual({ value: 90, formula: '(210 − 30) / 200 × 100' });
    expect(retentionRate({ customersAtStart: 0, customersAtEnd: 5, newCustomers: 5 }).value).toBeNull();
  });
  it('CLV = average purchase × frequency × lifetime', () => {
    // 10 purchases of 100 by 5 customers over 1 year: 100 × 2/year × 3 years.
    expect(lifetimeValue({ revenue: 1000, purchases: 10, customers: 5, years: 1, lifetimeYears: 3 }).value).toBe(600);
    expect(lifetimeValue({ revenue: 0, purchases: 0, customers: 0, years: 1, lifetimeYears: 3 }).value).toBeNull();
  });
  it('NPS = % promoters − % detractors', () => {
    expect(netPromoterScore([10, 9, 8, 7, 6, 0])).toMatchObject({ value: 0, promoters: 2, passives: 2, detractors: 2 });
    expect(netPromoterScore([10, 10, 9, 3]).value).toBe(50);
    expect(netPromoterScore([]).value).toBeNull();
  });
  it('lead conversion and revenue per customer', () => {
    expect(leadConversionRate({ converted: 3, leads: 40 }).value).toBe(7.5);
    expect(revenuePerCustomer({ revenue: 900, customers: 4 }).value).toBe(225);
    expect(revenuePerCustomer({ revenue: 900, customers: 0 }).value).toBeNull();
  });
  it('credits a template when the contact advanced within the window after the insert', () => {
    const t0 = 1_000 * DAY;
    const result = ctaConversion(
      [
        { templateId: 'trial', contactId: 'a', at: t0 },
        { templateId: 'trial', contactId: 'b', at: t0 },
        { templateId: 'meet', contactId: 'c', at: t0 },
      ],
      [
        { contactId: 'a', at: t0 + 3 * DAY },
        { contactId: 'b', at: t0 - DAY }, // before the insert: not caused by it
        { contactId: 'c', at: t0 + 20 * DAY }, // too late
      ],
      14,
    );
    expect(result).toEqual([
      { templateId: 'trial', inserts: 2, followed: 1, rate: 50 },
      { templateId: 'meet', inserts: 1, followed: 0, rate: 0 },
    ]);
  });
  it('funnel conversion between consecutive stages', () => {
    expect(funnelConversion([{ stage: 'lead', entered: 50 }, { stage: 'mql', entered: 20 }, { stage: 'sql', entered: 0 }, { stage: 'opp', entered: 0 }])).toEqual([
      { from: 'lead', to: 'mql', rate: 40 },
      { from: 'mql', to: 'sql', rate: 0 },
      { from: 'sql', to: 'opp', rate: null },
    ]);
  });
});
