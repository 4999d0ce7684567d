// The dashboard's figures, counted through indexes (never a scan of every activity), from the local database.
import type { ActivityType } from '@/lib/domain/activity';
import { ctaConversion, funnelConversion, leadConversionRate, lifetimeValue, netPromoterScore, retentionRate, revenuePerCustomer } from '@/lib/domain/kpis';
import { presetStageSet } from '@/lib/domain/lifecycle';
import { EXPECTED_LIFETIME_YEARS } from '@/lib/domain/profile-values';
import { DAY_MS } from '@/lib/domain/transactions';
import type { ContactRow, DashboardQuery, DashboardSummary } from '@/lib/domain/dashboard';
import type { FichaDb } from './db';
import { settingsRepository } from './settings';

const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
const WEEKS = 12;
const MAX_CTA_ROWS = 20_000;
const CUSTOMER_STAGES = new Set(['customer', 'evangelist', 'purchase', 'fulfilment', 'growth', 'retention', 'loyalty']);

function row(c: { id: string; firstName: string; lastName: string; emails: { address: string; primary: boolean }[]; lifecycleStage: string; leadScore: number; leadGrade: string; updatedAt: number }): ContactRow {
  return {
    id: c.id,
    name: `${c.firstName} ${c.lastName}`.trim(),
    email: (c.emails.find((e) => e.primary) ?? c.emails[0])?.address ?? '',
    stage: c.lifecycleStage,
    score: c.leadScore,
    grade: c.leadGrade,
    updatedAt: c.updatedAt,
  };
}

export async function dashboardSummary(db: FichaDb, query: DashboardQuery, now = Date.now()): Promise<DashboardSummary> {
  const from = now - query.days * DAY_MS;
  const settings = await settingsRepository(db).get();
  const set = presetStageSet(settings.stageSet);
  const flow = set.stages.filter((s) => s.order !== null).map((s) => s.id);
  const countType = (type: ActivityType, a: number, b: number) => db.activities.where('[type+occurredAt]').between([type, a], [type, b], true, false).count();

  return db.transaction('r', [db.contacts, db.activities, db.stageHistory, db.deals, db.templates], async () => {
    const moves = await db.stageHistory.where('at').between(from, now, true, true).toArray();
    const enteredIn = (stage: string) => new Set(moves.filter((m) => m.to === stage).map((m) => m.contactId)).size;
    const stages = await Promise.all(set.stages.map(async (s) => ({ stage: s.id, contacts: await db.contacts.where('lifecycleStage').equals(s.id).count(), entered: enteredIn(s.id) })));
    const gradeCounts = await Promise.all(GRADES.map((g) => db.contacts.where('leadGrade').equals(g).count()));
    const scoreBuckets = await Promise.all(Array.from({ length: 10 }, (_, i) => db.contacts.where('leadScore').between(i * 10, i === 9 ? 101 : i * 10 + 10, true, false).count()));
    const top = await db.contacts.orderBy('leadScore').reverse().limit(10).toArray();
    // Oldest records first, skipping customers: the leads nobody has touched in a while.
    const staleCandidates = await db.contacts.where('updatedAt').below(now - query.staleDays * DAY_MS).limit(500).toArray();
    const stale = staleCandidates.filter((c) => !CUSTOMER_STAGES.has(c.lifecycleStage)).slice(0, 20);

    const weekStart = now - WEEKS * 7 * DAY_MS;
    const weeks = await Promise.all(
      Array.from({ length: WEEKS }, async (_, i) => {
        const a = weekStart + i * 7 * DAY_MS;
        const b = a + 7 * DAY_MS;
        return { start: a, in: await countType('email.received', a, b), out: await countType('email.sent', a, b), cta: await countType('cta.inserted', a, b) };
      }),
    );

    const inserts = await db.activities.where('[type+occurredAt]').between(['cta.inserted', from], ['cta.inserted', now], true, true).limit(MAX_CTA_ROWS).toArray();
    const order = new Map(set.stages.map((s) => [s.id, s.order]));
    const advances = moves.filter((m) => !m.backward && order.has(m.to) && order.get(m.to) !== null).map((m) => ({ contactId: m.contactId, at: m.at }));
    const conversions = ctaConversion(
      inserts.map((a) => ({ templateId: String(a.data.templateId ?? ''), contactId: a.targetId, at: a.occurredAt })),
      advances,
      query.ctaWindowDays,
    );
    const names = new Map((await db.templates.bulkGet(conversions.map((c) => c.templateId))).flatMap((t) => (t ? [[t.id, t.name] as const] : [])));

    const npsAnswers = await db.activities.where('[type+occurredAt]').between(['survey.answered', from], ['survey.answered', now], true, true).toArray();
    const npsScores = npsAnswers.flatMap((a) => (a.data.kind === 'nps' && typeof a.data.score === 'number' ? [a.data.score] : []));
    const won = (await db.deals.where('date').between(from, now, true, true).toArray()).filter((d) => d.status === 'won');
    const buyers = new Set(won.map((d) => d.contactId)).size;
    const revenue = won.reduce((sum, d) => sum + d.amount, 0);

    const customerStage = set.id === 'hubspot' ? 'customer' : 'purchase';
    const customersNow = stages.find((s) => s.stage === customerStage)?.contacts ?? 0;
    const newCustomers = enteredIn(customerStage);
    const leftCustomers = new Set(moves.filter((m) => m.from === customerStage && m.to !== customerStage).map((m) => m.contactId)).size;
    // Contacts are created straight into the funnel (no stage move), so "leads" is everyone still before the
    // customer stage plus those converted in the period.
    const beforeCustomer = flow.slice(0, Math.max(0, flow.indexOf(customerStage)));
    const openLeads = stages.filter((s) => beforeCustomer.includes(s.stage)).reduce((sum, s) => sum + s.contacts, 0);

    return {
      generatedAt: now,
      totalContacts: await db.contacts.count(),
      stages,
      conversions: funnelConversion(stages.filter((s) => flow.includes(s.stage)).map(({ stage, entered }) => ({ stage, entered }))),
      grades: Object.fromEntries(GRADES.map((g, i) => [g, gradeCounts[i] ?? 0])),
      scoreBuckets,
      topEngaged: top.map(row),
      stale: stale.map(row),
      weeks,
      templates: conversions.map((c) => ({ ...c, name: names.get(c.templateId) ?? c.templateId })),
      kpis: {
        retention: retentionRate({ customersAtStart: customersNow - newCustomers + leftCustomers, customersAtEnd: customersNow, newCustomers }),
        clv: lifetimeValue({ revenue, purchases: won.length, customers: buyers, years: query.days / 365, lifetimeYears: EXPECTED_LIFETIME_YEARS }),
        nps: netPromoterScore(npsScores),
        leadConversion: leadConversionRate({ converted: newCustomers, leads: openLeads + newCustomers }),
        revenuePerCustomer: revenuePerCustomer({ revenue, customers: buyers }),
      },
    };
  });
}
