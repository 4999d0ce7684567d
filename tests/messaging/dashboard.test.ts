import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

describe('dashboard summary', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });
  const create = async (email: string) => (await send<'contacts.create'>({ type: 'contacts.create', input: { email, displayName: 'Test Person' } })).contact.id;

  it('counts stages, grades, scores, weekly activity, template conversion and KPIs from the local data', async () => {
    const a = await create('ana@clientco.com');
    const b = await create('bo@otherco.com');
    const c = await create('cy@thirdco.com');
    const [template] = await send<'templates.list'>({ type: 'templates.list' });
    await send({ type: 'templates.recordInsert', contactId: a, templateId: template!.id });
    await send({ type: 'templates.recordInsert', contactId: b, templateId: template!.id });
    await send({ type: 'contacts.changeStage', contactId: a, to: 'customer' });
    await send({ type: 'activities.logEmail', email: { contactId: b, messageId: 'm1', threadId: null, subject: 's', direction: 'in', sentAt: null, participants: [] } });
    await send({ type: 'deals.upsert', deal: { contactId: a, title: 'Licence', amount: 1200, currency: 'EUR', date: Date.now() - 86_400_000, status: 'won' } });
    await bg.db.activities.add({ id: 'nps1', key: 'nps1', type: 'survey.answered', targetType: 'contact', targetId: c, occurredAt: Date.now() - 1000, createdAt: 0, createdBy: '', summary: 'NPS 10', data: { kind: 'nps', score: 10 } });

    const s = await send<'dashboard.summary'>({ type: 'dashboard.summary', days: 90 });
    expect(s.totalContacts).toBe(3);
    expect(s.stages.find((x) => x.stage === 'customer')).toMatchObject({ contacts: 1, entered: 1 });
    expect(s.stages.find((x) => x.stage === 'lead')?.contacts).toBe(2);
    expect(Object.values(s.grades).reduce((x, y) => x + y, 0)).toBe(3);
    expect(s.scoreBuckets.reduce((x, y) => x + y, 0)).toBe(3);
    expect(s.topEngaged).toHaveLength(3);
    expect(s.topEngaged[0]!.score).toBeGreaterThanOrEqual(s.topEngaged[2]!.score);
    const thisWeek = s.weeks.at(-1)!;
    expect(thisWeek).toMatchObject({ in: 1, cta: 2 });
    expect(s.templates).toEqual([expect.objectContaining({ templateId: template!.id, name: template!.name, inserts: 2, followed: 1, rate: 50 })]);
    expect(s.kpis.nps.value).toBe(100);
    expect(s.kpis.revenuePerCustomer.value).toBe(1200);
    expect(s.kpis.leadConversion).toEqual({ value: 33.3, formula: '1 / 3 × 100' });
    // One customer now, gained in the period: nobody was a customer at the start, so no retention rate yet.
    expect(s.kpis.retention.value).toBeNull();
  });

  it('says "no data" (null), not zero, on an empty database', async () => {
    const s = await send<'dashboard.summary'>({ type: 'dashboard.summary' });
    expect(s.totalContacts).toBe(0);
    expect(s.kpis.nps.value).toBeNull();
    expect(s.kpis.clv.value).toBeNull();
    expect(s.templates).toEqual([]);
  });
});
