import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/domain/activity';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';
import { CUSTOMER_STAGES, customerStagesOf } from '@/lib/domain/dashboard';
import { HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET } from '@/lib/domain/lifecycle';
import { contactRepository } from '@/lib/storage/contacts';
import { dashboardFilterOptions, dashboardSummary } from '@/lib/storage/dashboard';
import { FichaDb } from '@/lib/storage/db';

const DAY = 86_400_000;
const NOW = 1_790_000_000_000;
let n = 0;

function person(fields: Partial<Contact> & { email: string }): Contact {
  const base = contactFromHeader({ email: fields.email, displayName: 'Test Person' }, { id: `p${++n}`, now: NOW - 60 * DAY });
  const { email: _e, ...rest } = fields;
  return { ...base, ...rest };
}

const activity = (contactId: string, type: Activity['type'], daysAgo: number, data: Activity['data'] = {}): Activity => ({
  id: `a${++n}`, key: `a${n}`, type, targetType: 'contact', targetId: contactId, occurredAt: NOW - daysAgo * DAY, createdAt: NOW, createdBy: '', summary: type, data,
});

describe('dashboard summary filtered by owner and tag', () => {
  let db: FichaDb;
  let ana: Contact, bo: Contact, cy: Contact, dee: Contact;

  beforeEach(async () => {
    db = new FichaDb(`dashboard-${++n}`);
    ana = person({ email: 'ana@a.example', owner: 'rep1@team.example', tags: ['vip'], lifecycleStage: 'customer', leadScore: 90, leadGrade: 'A1', updatedAt: NOW - 2 * DAY });
    bo = person({ email: 'bo@b.example', owner: 'rep1@team.example', tags: [], lifecycleStage: 'lead', leadScore: 15, leadGrade: 'C3', updatedAt: NOW - 50 * DAY });
    cy = person({ email: 'cy@c.example', owner: 'rep2@team.example', tags: ['vip', 'es'], lifecycleStage: 'opportunity', leadScore: 55, leadGrade: 'B2', updatedAt: NOW - 45 * DAY });
    dee = person({ email: 'dee@d.example', owner: '', tags: [], lifecycleStage: 'lead', leadScore: 5, leadGrade: 'C3', updatedAt: NOW - 40 * DAY });
    await contactRepository(db).putMany([ana, bo, cy, dee]);
    await db.activities.bulkPut([
      activity(ana.id, 'email.received', 1), activity(ana.id, 'email.sent', 1), activity(bo.id, 'email.received', 1),
      activity(cy.id, 'cta.inserted', 3, { templateId: 't1' }), activity(dee.id, 'email.received', 2),
      activity(cy.id, 'survey.answered', 5, { kind: 'nps', score: 10 }), activity(bo.id, 'survey.answered', 5, { kind: 'nps', score: 0 }),
    ]);
    await db.stageHistory.bulkPut([
      { id: 'h1', contactId: ana.id, from: 'opportunity', to: 'customer', at: NOW - 10 * DAY, by: '', reason: '', backward: false },
      { id: 'h2', contactId: cy.id, from: 'lead', to: 'opportunity', at: NOW - 2 * DAY, by: '', reason: '', backward: false },
    ]);
    await db.deals.bulkPut([
      { id: 'd1', contactId: ana.id, title: 'Licence', amount: 1000, currency: 'EUR', date: NOW - 5 * DAY, status: 'won' },
      { id: 'd2', contactId: cy.id, title: 'Pilot', amount: 300, currency: 'EUR', date: NOW - 5 * DAY, status: 'won' },
    ]);
  });
  afterEach(() => db.close());

  const summary = (filter: { owner?: string; tag?: string } = {}) => dashboardSummary(db, { days: 90, staleDays: 30, ctaWindowDays: 14, ...filter }, NOW);
  const stageCount = (s: Awaited<ReturnType<typeof summary>>, stage: string) => s.stages.find((x) => x.stage === stage)?.contacts;
  const weekTotals = (s: Awaited<ReturnType<typeof summary>>) => s.weeks.reduce((t, w) => ({ in: t.in + w.in, out: t.out + w.out, cta: t.cta + w.cta }), { in: 0, out: 0, cta: 0 });

  it('without a filter counts everyone', async () => {
    const s = await summary();
    expect(s.totalContacts).toBe(4);
    expect(stageCount(s, 'lead')).toBe(2);
    expect(weekTotals(s)).toEqual({ in: 3, out: 1, cta: 1 });
    expect(s.kpis.nps.value).toBe(0); // one promoter, one detractor
    expect(s.kpis.revenuePerCustomer.value).toBe(650);
  });

  it('by owner: every chart and KPI counts only that owner’s contacts', async () => {
    const s = await summary({ owner: 'rep1@team.example' });
    expect(s.totalContacts).toBe(2);
    expect(stageCount(s, 'customer')).toBe(1);
    expect(stageCount(s, 'lead')).toBe(1);
    expect(stageCount(s, 'opportunity')).toBe(0);
    expect(s.stages.find((x) => x.stage === 'opportunity')?.entered).toBe(0);
    expect(s.grades).toMatchObject({ A1: 1, C3: 1, B2: 0 });
    expect(s.scoreBuckets.reduce((a, b) => a + b, 0)).toBe(2);
    expect(s.scoreBuckets[9]).toBe(1);
    expect(s.topEngaged.map((r) => r.id)).toEqual([ana.id, bo.id]);
    expect(s.stale.map((r) => r.id)).toEqual([bo.id]); // ana is a customer, and recent
    expect(weekTotals(s)).toEqual({ in: 2, out: 1, cta: 0 });
    expect(s.templates).toEqual([]);
    expect(s.kpis.nps.value).toBe(-100);
    expect(s.kpis.revenuePerCustomer.value).toBe(1000);
  });

  it('by tag, and by owner and tag together', async () => {
    const vip = await summary({ tag: 'vip' });
    expect(vip.totalContacts).toBe(2);
    expect(vip.topEngaged.map((r) => r.id)).toEqual([ana.id, cy.id]);
    expect(weekTotals(vip)).toEqual({ in: 1, out: 1, cta: 1 });
    expect(vip.templates).toEqual([expect.objectContaining({ templateId: 't1', inserts: 1, followed: 1 })]);
    expect(vip.kpis.nps.value).toBe(100);
    expect(vip.kpis.revenuePerCustomer.value).toBe(650);

    const both = await summary({ owner: 'rep2@team.example', tag: 'vip' });
    expect(both.totalContacts).toBe(1);
    expect(stageCount(both, 'opportunity')).toBe(1);
    expect(both.stale.map((r) => r.id)).toEqual([cy.id]);

    const none = await summary({ tag: 'nobody-has-this' });
    expect(none.totalContacts).toBe(0);
    expect(none.kpis.nps.value).toBeNull();
    expect(weekTotals(none)).toEqual({ in: 0, out: 0, cta: 0 });
  });

  it('offers the owners and tags found on contacts, most used first, and follows contact writes', async () => {
    expect(await dashboardFilterOptions(db)).toEqual({ owners: ['rep1@team.example', 'rep2@team.example'], tags: ['vip', 'es'] });
    await contactRepository(db).putMany([{ ...dee, owner: 'rep3@team.example', tags: ['es', 'new'] }]);
    expect(await dashboardFilterOptions(db)).toEqual({ owners: ['rep1@team.example', 'rep2@team.example', 'rep3@team.example'], tags: ['es', 'vip', 'new'] });
  });
});

describe('customer stages come from the stage sets', () => {
  it('are the customer stage and the flow stages after it, in each preset set', () => {
    expect(customerStagesOf(HUBSPOT_STAGE_SET)).toEqual(['customer', 'evangelist']);
    expect(customerStagesOf(RELATIONSHIP_STAGE_SET)).toEqual(['purchase', 'fulfilment', 'growth', 'retention', 'loyalty', 'recovery']);
    expect(CUSTOMER_STAGES.has('lead')).toBe(false);
    expect(CUSTOMER_STAGES.has('other')).toBe(false);
    expect(CUSTOMER_STAGES.has('curiosity')).toBe(false);
  });
});
