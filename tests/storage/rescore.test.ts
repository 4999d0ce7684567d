import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { compileModel } from '@/lib/domain/scoring';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { toStored } from '@/lib/storage/contacts';
import { CONTACT_PAGES, type PageRow } from '@/lib/storage/contact-pages/pages';
import { FichaDb } from '@/lib/storage/db';
import { rescoreAll } from '@/lib/storage/rescore';
import { SCORE_BUCKET_COUNT } from '@/lib/storage/score-buckets';
import { rescoreContact, scoreOf } from '@/lib/storage/scores';
import { syncTracker } from '@/lib/storage/sync-tracking';

let n = 0;

/** The contact row as IndexedDB holds it (in its page), without the score the buckets lay over it. */
function rawContact(db: FichaDb, id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = db.backendDB().transaction(CONTACT_PAGES).objectStore(CONTACT_PAGES).getAll();
    req.onsuccess = () => resolve(JSON.parse((req.result as PageRow[]).flatMap((p) => p.rows).find((r) => (JSON.parse(r) as { id: string }).id === id)!) as Record<string, unknown>);
    req.onerror = () => reject(req.error);
  });
}
const make = (id: string, leadScore: number) => toStored({ ...contactFromHeader({ email: `${id}@acme.com` }, { id, now: 1 }), leadScore });

describe('full rescore writes', () => {
  it('never loses a score that a log wrote while the rescore ran', async () => {
    const db = new FichaDb(`rescore-race-${++n}`);
    await db.contacts.bulkPut(Array.from({ length: 40 }, (_, i) => make(`c${String(i).padStart(3, '0')}`, 99)));
    const model = compileModel(DEFAULT_SCORING_MODEL);
    const now = Date.now();
    // A reply logged to c039 right after the rescore scored it, before its bucket is written: the log's own
    // transaction rescores it, and the rescore's write must not put the older score back.
    let logged: Promise<unknown> | null = null;
    const scorer: typeof model = (input, at) => {
      if (!logged && input.contact.emails[0]?.address === 'c039@acme.com') {
        logged = db.transaction('rw', db.contacts, db.activities, db.companies, async () => {
          await db.activities.add({ id: 'm1', key: 'm1', type: 'email.sent', targetType: 'contact', targetId: 'c039', occurredAt: now, createdAt: now, createdBy: '', summary: '', data: {} });
          await rescoreContact(db, 'c039', now);
        });
      }
      return model(input, at);
    };
    const running = rescoreAll(db, scorer, now, () => {}, undefined, 256);
    await running;
    expect(logged).not.toBeNull();
    await logged;
    const contact = (await db.contacts.get('c039'))!;
    const expected = await scoreOf(db, contact, now);
    expect([contact.leadScore, contact.leadGrade]).toEqual([expected.total, expected.grade]);
    expect(expected.engagement).toBeGreaterThan(0);
    // Index keys survive the write (the card is still found by address).
    expect((await db.contacts.where('emailKeys').equals('c039@acme.com').first())?.id).toBe('c039');
  });

  it('with sync on, writes no outbox rows and rewrites no contact row', async () => {
    const db = new FichaDb(`rescore-sync-${++n}`);
    await db.open();
    await db.syncState.put({ key: 'state', clientId: 'devA', clock: null, lastAcked: 0, cursor: '', initialPullDone: false, lastSyncAt: null, pulledHead: 0 });
    syncTracker(db).enable('devA', null);
    await db.contacts.bulkPut([make('a', 99)]);
    await db.outbox.clear();
    const putsBefore = await db.contacts.get('a');
    await rescoreAll(db, compileModel(DEFAULT_SCORING_MODEL), Date.now(), () => {});
    expect((await db.contacts.get('a'))?.leadScore).not.toBe(99);
    // The score lives in the bucket row; the contact row (with its index keys) is as it was.
    const raw = await rawContact(db, 'a');
    expect(raw.leadScore).toBe(putsBefore?.leadScore);
    expect(await db.outbox.count()).toBe(0);
    // A normal edit in the same database is still tracked.
    await db.contacts.update('a', { title: 'CTO' });
    expect((await db.outbox.toArray()).map((r) => r.fields)).toEqual([{ title: 'CTO' }]);
  });
});

describe('rescoreAll', () => {
  async function seeded(count: number) {
    const db = new FichaDb(`rescore-all-${++n}`);
    await db.contacts.bulkPut(Array.from({ length: count }, (_, i) => make(`c${String(i).padStart(4, '0')}`, 99)));
    // A few contacts with activities on both edges of chunks (the range read covers a whole chunk).
    const now = Date.now();
    const ids = ['c0000', 'c0006', 'c0007', 'c0013'];
    await db.activities.bulkAdd(ids.flatMap((id, k) => Array.from({ length: 3 + k }, (_, j) => ({
      id: `${id}-${j}`, key: `${id}-${j}`, type: 'email.sent' as const, targetType: 'contact' as const, targetId: id,
      occurredAt: now - j * 86_400_000, createdAt: now, createdBy: '', summary: '', data: {},
    }))));
    return { db, now };
  }

  it('scores every contact exactly as one contact at a time would, in groups of buckets, with progress', async () => {
    const { db, now } = await seeded(15);
    // A profile and a company that fit rules read: the packed fit inputs must give the same score.
    await db.companies.put({ domain: 'acme.com', name: 'Acme', industry: 'Software', sizeBand: '51-200', country: 'ES' } as never);
    await db.contacts.update('c0006', { title: 'Chief Technology Officer', tags: ['vip'], phones: [{ number: '+34 600 000 000', label: 'work' }] } as never);
    const scorer = compileModel(DEFAULT_SCORING_MODEL);
    const progress: number[] = [];
    const done = await rescoreAll(db, scorer, now, (p) => progress.push(p.done), undefined, 64);
    expect(done).toBe(15);
    // One report at the start, then one per group of 64 buckets.
    expect(progress).toHaveLength(1 + SCORE_BUCKET_COUNT / 64);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(15);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    for (const contact of await db.contacts.toArray()) {
      const expected = await scoreOf(db, contact, now);
      expect([contact.id, contact.leadScore, contact.leadGrade]).toEqual([contact.id, expected.total, expected.grade]);
    }
    // Engagement counted: contacts with activities score above a same-profile contact without any.
    const [withMail, without] = await db.contacts.bulkGet(['c0013', 'c0001']);
    expect(withMail!.leadScore).toBeGreaterThan(without!.leadScore);
  });

  it('stops at the next group when asked, leaving the rest for a later run', async () => {
    const { db, now } = await seeded(15);
    let reports = 0;
    const done = await rescoreAll(db, compileModel(DEFAULT_SCORING_MODEL), now, () => reports++, () => reports > 1, 128);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(15);
    const scores = (await db.contacts.toArray()).map((c) => c.leadScore);
    expect(scores.filter((s) => s === 99)).toHaveLength(15 - done);
  });
});
