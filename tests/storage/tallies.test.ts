import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/domain/activity';
import { contactFromHeader } from '@/lib/domain/contact';
import { toStored } from '@/lib/storage/contacts';
import { dashboardSummary } from '@/lib/storage/dashboard';
import { FichaDb } from '@/lib/storage/db';
import { v10Database } from './support/v10-database';
import { applyDelta, TallyDelta, type TallyRow } from '@/lib/storage/tallies';

const DAY = 86_400_000;
const NOW = 1_790_000_000_000;
let n = 0;
const IDS = ['c0', 'c1', 'c2', 'c3'];
const STAGES = ['lead', 'opportunity', 'customer'];
const OWNERS = ['', 'rep1@team.example', 'rep2@team.example'];
const TAGS = ['vip', 'es', 'all'];
const TYPES = ['email.received', 'email.sent', 'cta.inserted', 'note.added'] as const;

const contact = (id: string, stage: number, owner: number, tags: string[]) =>
  toStored({ ...contactFromHeader({ email: `${id}@acme.com` }, { id, now: NOW - 40 * DAY }), lifecycleStage: STAGES[stage]!, owner: OWNERS[owner]!, tags, updatedAt: NOW - 40 * DAY });
const activity = (id: string, targetId: string, type: Activity['type'], daysAgo: number, templateId?: string): Activity => ({
  id, key: `k-${id}`, type, targetType: 'contact', targetId, occurredAt: NOW - daysAgo * DAY - 3_600_000, createdAt: NOW, createdBy: '', summary: '', data: templateId ? { templateId } : {},
});

/** What counting every stored row gives, as tally rows. */
async function counted(db: FichaDb): Promise<TallyRow[]> {
  const delta = new TallyDelta();
  for (const c of await db.contacts.toArray()) delta.contact(c, 1);
  for (const a of await db.activities.toArray()) delta.activity(a, 1);
  return [...delta.counts].flatMap(([key, by]) => applyDelta(undefined, key, by, delta.templates.get(key)) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('dashboard tallies', () => {
  it('stay equal to a fresh count of the rows through any mix of writes (bulk, duplicates, ranges, clears, aborts)', async () => {
    type Op =
      | { op: 'putContact'; id: number; stage: number; owner: number; tags: string[] }
      | { op: 'bulkContacts'; ids: number[]; stage: number }
      | { op: 'deleteContact'; id: number }
      | { op: 'addActivity' | 'putActivity'; id: number; target: number; type: number; daysAgo: number; template: number }
      | { op: 'bulkAddActivities'; ids: number[]; target: number }
      | { op: 'deleteActivity'; id: number }
      | { op: 'deleteActivityRange'; from: number }
      | { op: 'deleteByType'; type: number }
      | { op: 'aborted'; id: number; target: number }
      | { op: 'clearContacts' | 'clearActivities' };
    const idx = fc.integer({ min: 0, max: IDS.length - 1 });
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('putContact' as const), id: idx, stage: fc.integer({ min: 0, max: 2 }), owner: fc.integer({ min: 0, max: 2 }), tags: fc.subarray(TAGS) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('bulkContacts' as const), ids: fc.array(idx, { minLength: 1, maxLength: 4 }), stage: fc.integer({ min: 0, max: 2 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteContact' as const), id: idx }) },
      { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('addActivity' as const, 'putActivity' as const), id: fc.integer({ min: 0, max: 9 }), target: idx, type: fc.integer({ min: 0, max: TYPES.length - 1 }), daysAgo: fc.integer({ min: 0, max: 20 }), template: fc.integer({ min: 0, max: 2 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('bulkAddActivities' as const), ids: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }), target: idx }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteActivity' as const), id: fc.integer({ min: 0, max: 9 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteActivityRange' as const), from: fc.integer({ min: 0, max: 9 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteByType' as const), type: fc.integer({ min: 0, max: TYPES.length - 1 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('aborted' as const), id: fc.integer({ min: 20, max: 22 }), target: idx }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('clearContacts' as const, 'clearActivities' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 16 }), async (ops) => {
        const db = new FichaDb(`tallies-prop-${++n}`);
        for (const o of ops) {
          switch (o.op) {
            case 'putContact':
              await db.contacts.put(contact(IDS[o.id]!, o.stage, o.owner, o.tags));
              break;
            case 'bulkContacts':
              // The same id twice in one request: the last value is what is stored, and counted.
              await db.contacts.bulkPut(o.ids.map((i, k) => contact(IDS[i]!, (o.stage + k) % 3, k % 3, k % 2 ? ['vip'] : [])));
              break;
            case 'deleteContact':
              await db.contacts.delete(IDS[o.id]!);
              break;
            case 'addActivity':
            case 'putActivity': {
              const a = activity(`a${o.id}`, IDS[o.target]!, TYPES[o.type]!, o.daysAgo, o.template ? `t${o.template}` : undefined);
              if (o.op === 'addActivity') await db.activities.add(a).catch(() => undefined); // a second add of one id fails whole
              else await db.activities.put(a);
              break;
            }
            case 'bulkAddActivities':
              // Ids already stored, or twice in the request: those adds fail, the others are stored (and counted).
              await db.activities.bulkAdd(o.ids.map((i, k) => activity(`a${i}`, IDS[o.target]!, TYPES[k % TYPES.length]!, k, k % 2 ? 't1' : undefined))).catch(() => undefined);
              break;
            case 'deleteActivity':
              await db.activities.delete(`a${o.id}`);
              break;
            case 'deleteActivityRange':
              await db.activities.where(':id').aboveOrEqual(`a${o.from}`).delete();
              break;
            case 'deleteByType':
              await db.activities.where('type').equals(TYPES[o.type]!).delete();
              break;
            case 'aborted':
              await db
                .transaction('rw', db.contacts, db.activities, async () => {
                  await db.activities.add(activity(`a${o.id}`, IDS[o.target]!, 'cta.inserted', 1, 't1'));
                  await db.contacts.put(contact(IDS[o.target]!, 2, 2, ['all']));
                  throw new Error('rolled back');
                })
                .catch(() => undefined);
              break;
            case 'clearContacts':
              await db.contacts.clear();
              break;
            case 'clearActivities':
              await db.activities.clear();
              break;
          }
        }
        expect(await db.tallies.orderBy('key').toArray()).toEqual(await counted(db));
        db.close();
        await Dexie.delete(db.name);
      }),
      { numRuns: 40 },
    );
  }, 90_000);

  it('an insert moved to another template on the same day moves its template count', async () => {
    const db = new FichaDb(`tallies-template-${++n}`);
    await db.activities.put(activity('m1', 'c0', 'cta.inserted', 1, 't1'));
    await db.activities.put(activity('m1', 'c0', 'cta.inserted', 1, 't2'));
    const [row] = await db.tallies.where('key').startsWith('act|cta.inserted|').toArray();
    expect(row).toMatchObject({ count: 1, templates: { t2: 1 } });
    db.close();
  });

  it('two writes issued together in one transaction both count', async () => {
    const db = new FichaDb(`tallies-together-${++n}`);
    await db.transaction('rw', db.contacts, db.activities, () =>
      Promise.all([
        db.activities.add(activity('x1', 'c0', 'email.sent', 1)),
        db.activities.add(activity('x2', 'c0', 'email.sent', 1)),
        db.contacts.put(contact('c0', 0, 1, ['vip'])),
        db.contacts.put(contact('c1', 0, 1, ['vip'])),
      ]),
    );
    const rows = new Map((await db.tallies.toArray()).map((r) => [r.key, r.count]));
    expect(rows.get('contacts')).toBe(2);
    expect(rows.get('stage|lead')).toBe(2);
    expect(rows.get('tag|vip')).toBe(2);
    expect([...rows].filter(([k]) => k.startsWith('act|email.sent|')).map(([, c]) => c)).toEqual([2]);
    db.close();
  });

  it('the dashboard from the tallies says what counting the rows says (everyone tagged, so the tag filter reads the rows)', async () => {
    const db = new FichaDb(`tallies-dashboard-${++n}`);
    await db.contacts.bulkPut(IDS.map((id, i) => contact(id, i % 3, i % 3, ['all', ...(i % 2 ? ['vip'] : [])])));
    const acts: Activity[] = [];
    for (let i = 0; i < 120; i++) acts.push(activity(`b${i}`, IDS[i % IDS.length]!, TYPES[i % TYPES.length]!, (i * 7) % 100, `t${i % 3}`));
    await db.activities.bulkAdd(acts);
    await db.stageHistory.bulkPut([
      { id: 'h1', contactId: 'c1', from: 'lead', to: 'opportunity', at: NOW - 2 * DAY, by: '', reason: '', backward: false },
      { id: 'h2', contactId: 'c2', from: 'opportunity', to: 'customer', at: NOW - 10 * DAY, by: '', reason: '', backward: false },
    ]);
    for (const days of [7, 30, 90]) {
      const query = { days, staleDays: 30, ctaWindowDays: 14 };
      const fromTallies = await dashboardSummary(db, query, NOW);
      const fromRows = await dashboardSummary(db, { ...query, tag: 'all' }, NOW);
      expect(fromTallies.weeks).toEqual(fromRows.weeks);
      expect(fromTallies.stages).toEqual(fromRows.stages);
      expect(fromTallies.templates).toEqual(fromRows.templates);
      expect(fromTallies.totalContacts).toBe(fromRows.totalContacts);
      expect(fromTallies.stale).toEqual(fromRows.stale);
      expect(fromTallies.stale.length).toBeGreaterThan(0);
      expect(fromTallies.grades).toEqual(fromRows.grades);
      expect(fromTallies.weeks.reduce((t, w) => t + w.in + w.out + w.cta, 0)).toBeGreaterThan(0);
    }
    expect((await dashboardSummary(db, { days: 90, staleDays: 30, ctaWindowDays: 14 }, NOW)).templates.some((t) => t.followed > 0)).toBe(true);
    db.close();
  });

  it('the upgrade counts the rows already stored', async () => {
    const name = `tallies-v10-${++n}`;
    const v10 = v10Database(name);
    await v10.table('contacts').bulkPut([contact('p', 0, 1, ['vip']), contact('q', 2, 2, [])]);
    await v10.table('activities').bulkPut([activity('1', 'p', 'email.sent', 1), activity('2', 'p', 'cta.inserted', 2, 't9'), activity('3', 'q', 'cta.inserted', 2, 't9')]);
    v10.close();

    const db = new FichaDb(name);
    const rows = await db.tallies.orderBy('key').toArray();
    expect(rows).toEqual(await counted(db));
    expect(rows.find((r) => r.key.startsWith('act|cta.inserted|'))).toMatchObject({ count: 2, templates: { t9: 2 } });
    expect(rows.find((r) => r.key === 'stage|customer')?.count).toBe(1);
    db.close();
  });
});
