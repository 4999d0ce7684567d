// The dashboard's figures, counted through indexes (never a scan of every activity), from the local database.
import type { Activity, ActivityType } from '@/lib/domain/activity';
import { ctaConversion, funnelConversion, leadConversionRate, lifetimeValue, netPromoterScore, retentionRate, revenuePerCustomer } from '@/lib/domain/kpis';
import { presetStageSet } from '@/lib/domain/lifecycle';
import { EXPECTED_LIFETIME_YEARS } from '@/lib/domain/profile-values';
import { DAY_MS } from '@/lib/domain/transactions';
import { CUSTOMER_STAGES, customerStageOf, type ContactRow, type DashboardFilter, type DashboardFilterOptions, type DashboardQuery, type DashboardSummary } from '@/lib/domain/dashboard';
import { eachChunkById } from './chunked-read';
import type { FichaDb, StoredContact } from './db';
import { currentCoreTransaction, scoreBuckets as scoreBucketsOf } from './score-buckets';
import { settingsRepository } from './settings';
import { activityDays, contactTallies, mostUsed } from './tally-reads';

const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'];
const WEEKS = 12;
const MAX_CTA_ROWS = 20_000;
const READ_CHUNK = 5_000;
/** Filtered to at most this many contacts, their activities are read per contact; above, by type and date. */
const PER_CONTACT_ACTIVITY_READS = 3_000;
const MAX_FILTER_OPTIONS = 200;

const isFiltered = (f: DashboardFilter) => Boolean(f.owner || f.tag);
const matches = (f: DashboardFilter) => (c: StoredContact) => (!f.owner || c.owner === f.owner) && (!f.tag || c.tags.includes(f.tag));

/** Every contact, read by primary key in chunks (owner and tag have no index: a filter reads them all once). */
function eachContact(db: FichaDb, visit: (c: StoredContact) => void): Promise<void> {
  return eachChunkById(db.contacts, READ_CHUNK, (chunk) => chunk.forEach(visit));
}

/** The owners and tags on contacts, most used first, for the dashboard's filter controls (from the tallies). */
export async function dashboardFilterOptions(db: FichaDb): Promise<DashboardFilterOptions> {
  const { owners, tags } = await contactTallies(db);
  return { owners: mostUsed(owners, MAX_FILTER_OPTIONS), tags: mostUsed(tags, MAX_FILTER_OPTIONS) };
}

interface ContactFigures {
  total: number;
  stageCounts: Map<string, number>;
  gradeCounts: number[];
  scoreBuckets: number[];
  top: StoredContact[];
  stale: StoredContact[];
}

const bucketOf = (score: number) => Math.min(9, Math.max(0, Math.floor(score / 10)));

/** Keeps `list` as the `n` best items seen so far (best first) without holding every contact. */
function keepBest<T>(list: T[], item: T, n: number, better: (a: T, b: T) => boolean): void {
  if (list.length >= n && !better(item, list[list.length - 1]!)) return;
  let i = list.length;
  while (i > 0 && better(item, list[i - 1]!)) i--;
  list.splice(i, 0, item);
  if (list.length > n) list.pop();
}

/** Grades, score distribution and the ten best scores, counted from the score buckets in memory (no row per contact). */
async function scoreFigures(db: FichaDb): Promise<Pick<ContactFigures, 'gradeCounts' | 'scoreBuckets' | 'top'>> {
  const buckets = scoreBucketsOf(db);
  const gradeCounts = GRADES.map(() => 0);
  const scoreBuckets = Array.from({ length: 10 }, () => 0);
  const best: { id: string; total: number }[] = [];
  const ids = await db.transaction('r', db.contacts, async () => {
    await buckets.load(currentCoreTransaction());
    for (const [id, e] of buckets.scored()) {
      const grade = GRADES.indexOf(e.grade);
      if (grade >= 0) gradeCounts[grade]!++;
      scoreBuckets[bucketOf(e.total)]!++;
      // Highest score first, ties by id descending (the order the score index gave).
      keepBest(best, { id, total: e.total }, 10, (a, b) => a.total > b.total || (a.total === b.total && a.id > b.id));
    }
    return best.map((b) => b.id);
  });
  const rows = await db.contacts.bulkGet(ids);
  return { gradeCounts, scoreBuckets, top: rows.filter((c): c is StoredContact => c !== undefined) };
}

/** Unfiltered: from the tallies, the score buckets and one short index read, never reading every contact. */
async function indexedFigures(db: FichaDb, staleBefore: number): Promise<ContactFigures> {
  const tallies = await contactTallies(db);
  const { gradeCounts, scoreBuckets, top } = await scoreFigures(db);
  // Oldest records first, skipping customers: the leads nobody has touched in a while. A cursor that stops at 20
  // (or after 2,000 old customers), not a page of 500 full records read to keep 20.
  let scanned = 0;
  const stale = await db.contacts
    .where('updatedAt')
    .below(staleBefore)
    .until(() => ++scanned > 2_000)
    .filter((c) => !CUSTOMER_STAGES.has(c.lifecycleStage))
    .limit(20)
    .toArray();
  return {
    total: tallies.total,
    stageCounts: tallies.stages,
    gradeCounts,
    scoreBuckets,
    top,
    stale,
  };
}

/** Filtered by owner or tag: one pass over the contacts, the same figures counted in memory. */
async function filteredFigures(db: FichaDb, filter: DashboardFilter, staleBefore: number, kept: Set<string>): Promise<ContactFigures> {
  const keep = matches(filter);
  const figures: ContactFigures = { total: 0, stageCounts: new Map(), gradeCounts: GRADES.map(() => 0), scoreBuckets: Array.from({ length: 10 }, () => 0), top: [], stale: [] };
  await eachContact(db, (c) => {
    if (!keep(c)) return;
    kept.add(c.id);
    figures.total++;
    figures.stageCounts.set(c.lifecycleStage, (figures.stageCounts.get(c.lifecycleStage) ?? 0) + 1);
    const grade = GRADES.indexOf(c.leadGrade);
    if (grade >= 0) figures.gradeCounts[grade]!++;
    figures.scoreBuckets[bucketOf(c.leadScore)]!++;
    keepBest(figures.top, c, 10, (a, b) => a.leadScore > b.leadScore);
    if (c.updatedAt < staleBefore && !CUSTOMER_STAGES.has(c.lifecycleStage)) keepBest(figures.stale, c, 20, (a, b) => a.updatedAt < b.updatedAt);
  });
  return figures;
}

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

/**
 * The CTA inserts of the period that matter for conversion. Unfiltered, each template's count comes from the tallies
 * and only the inserts of contacts that advanced are read (no other insert can count as followed); filtered, the
 * period's inserts are read and kept for the filtered contacts.
 */
async function ctaInserts(db: FichaDb, p: { from: number; end: number; filtered: boolean; mine: (id: string) => boolean; advanced: Set<string> }): Promise<{ inserts: Activity[]; insertCounts?: Map<string, number> }> {
  const range = () => db.activities.where('[type+occurredAt]').between(['cta.inserted', p.from], ['cta.inserted', p.end], true, false);
  if (p.filtered) return { inserts: (await range().limit(MAX_CTA_ROWS).toArray()).filter((a) => p.mine(a.targetId)) };
  const insertCounts = new Map<string, number>();
  for (const day of await activityDays(db, 'cta.inserted', p.from, p.end)) {
    for (const [id, n] of Object.entries(day.templates)) insertCounts.set(id, (insertCounts.get(id) ?? 0) + n);
  }
  if (p.advanced.size === 0 || insertCounts.size === 0) return { inserts: [], insertCounts };
  if (p.advanced.size > PER_CONTACT_ACTIVITY_READS) return { inserts: await range().filter((a) => p.advanced.has(a.targetId)).toArray(), insertCounts };
  const lists = await Promise.all([...p.advanced].map((id) => db.activities.where('[targetId+occurredAt]').between([id, p.from], [id, p.end], true, false).toArray()));
  return { inserts: lists.flat().filter((a) => a.type === 'cta.inserted'), insertCounts };
}

export async function dashboardSummary(db: FichaDb, query: DashboardQuery, now = Date.now()): Promise<DashboardSummary> {
  // Whole UTC days, today included: the activity tallies count per day, so every range starts and ends on a day.
  const end = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  const from = end - query.days * DAY_MS;
  const settings = await settingsRepository(db).get();
  const set = presetStageSet(settings.stageSet);
  const flow = set.stages.filter((s) => s.order !== null).map((s) => s.id);
  const filtered = isFiltered(query);
  /** The filtered contacts' ids (filled by the contact pass); everything else is counted only for them. */
  const kept = new Set<string>();
  const mine = (contactId: string) => !filtered || kept.has(contactId);
  const weekStart = end - WEEKS * 7 * DAY_MS;
  const weekOf = (at: number) => Math.floor((at - weekStart) / (7 * DAY_MS));

  return db.transaction('r', [db.contacts, db.activities, db.stageHistory, db.deals, db.templates, db.tallies], async () => {
    const staleBefore = now - query.staleDays * DAY_MS;
    const figures = filtered ? await filteredFigures(db, query, staleBefore, kept) : await indexedFigures(db, staleBefore);
    const moves = (await db.stageHistory.where('at').between(from, end, true, false).toArray()).filter((m) => mine(m.contactId));
    const enteredIn = (stage: string) => new Set(moves.filter((m) => m.to === stage).map((m) => m.contactId)).size;
    const stages = set.stages.map((s) => ({ stage: s.id, contacts: figures.stageCounts.get(s.id) ?? 0, entered: enteredIn(s.id) }));

    const weeks = Array.from({ length: WEEKS }, (_, i) => ({ start: weekStart + i * 7 * DAY_MS, in: 0, out: 0, cta: 0 }));
    const WEEK_FIELD = { 'email.received': 'in', 'email.sent': 'out', 'cta.inserted': 'cta' } as const satisfies Partial<Record<ActivityType, 'in' | 'out' | 'cta'>>;
    const types = Object.keys(WEEK_FIELD) as (keyof typeof WEEK_FIELD)[];
    if (!filtered) {
      for (const type of types) {
        for (const day of await activityDays(db, type, weekStart, end)) {
          const week = weeks[weekOf(day.at)];
          if (week) week[WEEK_FIELD[type]] += day.count;
        }
      }
    } else {
      const count = (a: { type: string; occurredAt: number }) => {
        const field = WEEK_FIELD[a.type as keyof typeof WEEK_FIELD];
        const week = weeks[weekOf(a.occurredAt)];
        if (field && week && a.occurredAt < end) week[field]++;
      };
      if (kept.size <= PER_CONTACT_ACTIVITY_READS) {
        // A few contacts: their own timelines, through [targetId+occurredAt].
        const lists = await Promise.all([...kept].map((id) => db.activities.where('[targetId+occurredAt]').between([id, weekStart], [id, end], true, false).toArray()));
        lists.forEach((list) => list.forEach(count));
      } else {
        for (const type of types) {
          await db.activities.where('[type+occurredAt]').between([type, weekStart], [type, end], true, false).each((a) => mine(a.targetId) && count(a));
        }
      }
    }

    const order = new Map(set.stages.map((s) => [s.id, s.order]));
    const advances = moves.filter((m) => !m.backward && order.has(m.to) && order.get(m.to) !== null).map((m) => ({ contactId: m.contactId, at: m.at }));
    const { inserts, insertCounts } = await ctaInserts(db, { from, end, filtered, mine, advanced: new Set(advances.map((a) => a.contactId)) });
    const conversions = ctaConversion(
      inserts.map((a) => ({ templateId: String(a.data.templateId ?? ''), contactId: a.targetId, at: a.occurredAt })),
      advances,
      query.ctaWindowDays,
      insertCounts,
    );
    const names = new Map((await db.templates.bulkGet(conversions.map((c) => c.templateId))).flatMap((t) => (t ? [[t.id, t.name] as const] : [])));

    const npsAnswers = (await db.activities.where('[type+occurredAt]').between(['survey.answered', from], ['survey.answered', end], true, false).toArray()).filter((a) => mine(a.targetId));
    const npsScores = npsAnswers.flatMap((a) => (a.data.kind === 'nps' && typeof a.data.score === 'number' ? [a.data.score] : []));
    const won = (await db.deals.where('date').between(from, end, true, false).toArray()).filter((d) => d.status === 'won' && mine(d.contactId));
    const buyers = new Set(won.map((d) => d.contactId)).size;
    const revenue = won.reduce((sum, d) => sum + d.amount, 0);

    const customerStage = customerStageOf(set);
    const customersNow = stages.find((s) => s.stage === customerStage)?.contacts ?? 0;
    const newCustomers = enteredIn(customerStage);
    const leftCustomers = new Set(moves.filter((m) => m.from === customerStage && m.to !== customerStage).map((m) => m.contactId)).size;
    // Contacts are created straight into the funnel (no stage move), so "leads" is everyone still before the
    // customer stage plus those converted in the period.
    const beforeCustomer = flow.slice(0, Math.max(0, flow.indexOf(customerStage)));
    const openLeads = stages.filter((s) => beforeCustomer.includes(s.stage)).reduce((sum, s) => sum + s.contacts, 0);

    return {
      generatedAt: now,
      totalContacts: figures.total,
      stages,
      conversions: funnelConversion(stages.filter((s) => flow.includes(s.stage)).map(({ stage, entered }) => ({ stage, entered }))),
      grades: Object.fromEntries(GRADES.map((g, i) => [g, figures.gradeCounts[i] ?? 0])),
      scoreBuckets: figures.scoreBuckets,
      topEngaged: figures.top.map(row),
      stale: figures.stale.map(row),
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
