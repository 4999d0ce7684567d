// The one-click log's write (record.logEmail): every read in one go, then one write of the activity that also
// carries the contact's new score into its bucket row; all of it in one transaction, and nothing of it on failure.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activityRepository, type EmailToLog } from '@/lib/storage/activities';
import { contactRepository } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { recordService } from '@/lib/storage/record';
import { bucketOf, decodeBucket, scoreBuckets } from '@/lib/storage/score-buckets';
import { rescoreContact, scoreOf, setActiveScorer } from '@/lib/storage/scores';
import type { Scorer, ScoringInput } from '@/lib/domain/scoring';
import { settingsRepository } from '@/lib/storage/settings';

const NOW = 1_764_000_000_000;
let n = 0;

const email = (contactId: string, messageId: string, direction: 'in' | 'out' = 'out'): EmailToLog => ({
  contactId,
  messageId,
  threadId: 't1',
  subject: 'Proposal',
  direction,
  sentAt: NOW - 60_000,
  participants: ['ana@clientco.com'],
});

describe('logging an email: the write', () => {
  let db: FichaDb;
  let ids: string[];
  let record: ReturnType<typeof recordService>;
  let contactId: string;

  beforeEach(async () => {
    db = new FichaDb(`log-email-${++n}`);
    ids = [];
    let next = 0;
    const contacts = contactRepository(db, { now: () => NOW - 40 * 86_400_000 });
    record = recordService(db, {
      contacts,
      activities: activityRepository(db),
      settings: settingsRepository(db),
      now: () => NOW,
      newId: () => ids[next++] ?? crypto.randomUUID(),
    });
    ({ contact: { id: contactId } } = await record.createFromHeader({ email: 'ana@clientco.com', displayName: 'Ana Pérez' }));
  });

  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  /** The contact's entry as the stored bucket row holds it (not the in-memory copy). */
  async function storedEntry(id: string) {
    const row = await db.scoreBuckets.get(bucketOf(id));
    return row ? decodeBucket(row, 0).get(id) : undefined;
  }

  it('stores the activity, its digest item and the new score in the contact bucket row, equal to a full rescore', async () => {
    const before = (await storedEntry(contactId))!;
    const result = await record.logEmail(email(contactId, 'm1'));
    expect(result).toMatchObject({ ok: true, created: true, activity: { type: 'email.sent', targetId: contactId, occurredAt: NOW - 60_000 } });

    const entry = (await storedEntry(contactId))!;
    expect(entry.types.length).toBe(before.types.length + 1);
    expect(entry.types).toContain('email.sent');
    const explained = await scoreOf(db, (await contactRepository(db).get(contactId))!, NOW);
    expect(entry.total).toBe(explained.total);
    expect(entry.grade).toBe(explained.grade);
    expect(entry.total).toBeGreaterThan(before.total);
    // Rescoring from scratch finds nothing to change.
    const again = await db.transaction('rw', [db.contacts, db.activities, db.companies], () => rescoreContact(db, contactId, NOW));
    expect(again?.total).toBe(entry.total);
  });

  it('writes the bucket row once per log (score and digest together)', async () => {
    const bucketWrites: number[] = [];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'scoreBuckets') bucketWrites.push(1);
      return put.apply(this, args);
    });
    await record.logEmail(email(contactId, 'm1'));
    expect(bucketWrites.length).toBe(1);
  });

  it('adds a score-move row to the timeline in the same write when the score moves 10 points or more', async () => {
    // A model where each reply is worth 4 points, from 40: the first log moves the score far (a row), each later one
    // by 4 points from the score before it (no row).
    const start = (await storedEntry(contactId))!.total;
    setActiveScorer(db, ((input: ScoringInput) => ({ total: 40 + 4 * input.activities.filter((a) => a.type === 'email.sent').length, grade: 'B2' })) as unknown as Scorer);
    const moved: { from: number; to: number }[] = [];
    for (let i = 0; i < 4; i++) {
      const before = (await storedEntry(contactId))!.total;
      await record.logEmail(email(contactId, `m${i}`));
      const after = (await storedEntry(contactId))!.total;
      const moves = await db.activities.where('type').equals('score.changed').toArray();
      if (Math.abs(after - before) >= 10) moved.push({ from: before, to: after });
      expect(moves.map((m) => m.data)).toEqual(moved.map((m) => expect.objectContaining(m)));
    }
    expect(start).toBeLessThan(34);
    expect(moved).toEqual([{ from: start, to: 44 }]);
  });

  it('counts the company (size band) in the score, whether or not the in-memory buckets were loaded', async () => {
    await db.companies.put({ domain: 'clientco.com', name: 'ClientCo', industry: 'Software', sizeBand: '51-200' });
    await record.logEmail(email(contactId, 'm1', 'in'));
    const withCompany = (await storedEntry(contactId))!.total;
    const explained = await scoreOf(db, (await contactRepository(db).get(contactId))!, NOW);
    expect(explained.explanation.rules.some((r) => r.ruleId === 'fit.company.mid-market')).toBe(true);
    expect(withCompany).toBe(explained.total);

    scoreBuckets(db).invalidate(); // a worker just started: nothing in memory to guess the company from
    await record.logEmail(email(contactId, 'm2', 'in'));
    const explainedAgain = await scoreOf(db, (await contactRepository(db).get(contactId))!, NOW);
    expect((await storedEntry(contactId))!.total).toBe(explainedAgain.total);
  });

  it('logs a message once: a second log writes nothing and answers the first activity', async () => {
    const first = await record.logEmail(email(contactId, 'm1'));
    const count = await db.activities.count();
    const second = await record.logEmail(email(contactId, 'm1'));
    expect(second).toEqual({ ok: true, activity: first.ok && first.activity, created: false });
    expect(await db.activities.count()).toBe(count);
  });

  it('answers not_found for a missing contact and blocked for a never-log address, writing nothing', async () => {
    expect(await record.logEmail(email('nobody', 'm1'))).toEqual({ ok: false, reason: 'not_found' });
    await settingsRepository(db).update({ neverLog: ['clientco.com'] });
    expect(await record.logEmail(email(contactId, 'm1'))).toMatchObject({ ok: false, reason: 'blocked', policy: { allowed: false, neverLog: 'clientco.com' } });
    expect(await db.activities.count()).toBe(0);
  });

  it('is all-or-nothing: a failed write leaves no activity and the stored and in-memory score as they were', async () => {
    const before = (await storedEntry(contactId))!;
    await db.activities.add({ id: 'taken', key: 'other', type: 'note.added', targetType: 'contact', targetId: 'someone-else', occurredAt: 1, createdAt: 1, createdBy: '', summary: '', data: {} });
    ids.push('taken'); // the log's activity gets an id that is already used: its add fails
    await expect(record.logEmail(email(contactId, 'm1'))).rejects.toThrow();
    expect(await db.activities.filter((a) => a.targetId === contactId).count()).toBe(0);
    expect(await storedEntry(contactId)).toMatchObject({ total: before.total, grade: before.grade, types: before.types });
    // Reads (which use the in-memory copy) see the old score too: the aborted writer's copy was dropped.
    expect((await contactRepository(db).get(contactId))!.leadScore).toBe(before.total);
  });
});

describe('the bucket row written right behind an add', () => {
  it('does not build on a rolled-back add whose abort has not been heard yet', async () => {
    const db = new FichaDb(`log-email-pipelined-${++n}`);
    const row = (id: string, type: 'email.sent' | 'email.received', occurredAt: number) => ({ id, key: id, type, targetType: 'contact' as const, targetId: 'c2', occurredAt, createdAt: 1, createdBy: '', summary: '', data: {} });
    await db.transaction('rw', db.activities, async () => {
      await db.activities.add(row('gone', 'email.sent', 9));
      throw new Error('rolled back');
    }).catch(() => undefined);
    await db.activities.add(row('kept', 'email.received', 0)); // right after: the abort event may still be queued
    const stored = decodeBucket((await db.scoreBuckets.get(bucketOf('c2')))!, 0).get('c2')!;
    expect(stored.types).toEqual(['email.received']);
    db.close();
    await Dexie.delete(db.name);
  });

  it('takes a failed item back out when the caller keeps the transaction: stored digests match the activities', async () => {
    const db = new FichaDb(`log-email-pipelined-${++n}`);
    const row = (id: string, key: string, occurredAt: number) => ({ id, key, type: 'email.sent' as const, targetType: 'contact' as const, targetId: 'c1', occurredAt, createdAt: 1, createdBy: '', summary: '', data: {} });
    await db.activities.add(row('a1', 'k1', 1));
    await db.transaction('rw', db.activities, async () => {
      // a2 is new; the second row reuses the key k1 (unique index): that item fails, the batch goes on.
      await db.activities.bulkAdd([row('a2', 'k2', 2), row('a3', 'k1', 3)]).catch((e: unknown) => expect((e as Error).name).toBe('BulkError'));
    });
    expect((await db.activities.toArray()).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    const stored = decodeBucket((await db.scoreBuckets.get(bucketOf('c1')))!, 0).get('c1')!;
    expect([...stored.times].sort()).toEqual([1, 2]);
    expect(scoreBuckets(db).get('c1')!.times.slice().sort()).toEqual([1, 2]);
    db.close();
    await Dexie.delete(db.name);
  });
});
