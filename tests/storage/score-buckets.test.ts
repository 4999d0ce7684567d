import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '@/lib/domain/activity';
import { contactFromHeader } from '@/lib/domain/contact';
import { toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { v10Database } from './support/v10-database';
import { scoreOf, rescoreContact } from '@/lib/storage/scores';
import { BUCKET_PARTS, bucketOf, buildBuckets, decodeBucket, encodeBucket, idInPart, rebucketScoreBuckets, SCORE_BUCKET_COUNT, scoreBuckets, type ScoreEntry, stagesByContact } from '@/lib/storage/score-buckets';

let n = 0;
const CONTACTS = ['c0', 'c1', 'c2', 'c3', 'x9'];
const TYPES = ['email.received', 'email.sent', 'note.added', 'score.changed'] as const;

const contact = (id: string, leadScore = 0, leadGrade = 'C3') => toStored({ ...contactFromHeader({ email: `${id}@acme.com` }, { id, now: 1 }), leadScore, leadGrade });
const activity = (id: string, targetId: string, type: Activity['type'], occurredAt: number): Activity => ({
  id, key: `k-${id}`, type, targetType: 'contact', targetId, occurredAt, createdAt: 1, createdBy: '', summary: '', data: {},
});

/** Each contact's digest as a sorted multiset, and the scores, from a set of decoded buckets. */
function view(buckets: Iterable<[string, ScoreEntry]>): Record<string, { grade: string; total: number; digest: string[] }> {
  const out: Record<string, { grade: string; total: number; digest: string[] }> = {};
  for (const [id, e] of buckets) {
    if (e.grade === '' && e.types.length === 0) continue;
    out[id] = { grade: e.grade, total: e.total, digest: e.types.map((t, i) => `${t}@${e.times[i]}`).sort() };
  }
  return out;
}

/** What a fresh scan of the contacts and activities gives. */
async function scanned(db: FichaDb) {
  const [contacts, activities] = await Promise.all([db.contacts.toArray(), db.activities.toArray()]);
  return view(buildBuckets(contacts, activities).flatMap((m) => [...m]));
}

/** What the maintained buckets hold: the stored rows, decoded (not the in-memory copy). */
async function stored(db: FichaDb) {
  const rows = await db.scoreBuckets.toArray();
  return view(rows.filter((r) => 'ids' in r).flatMap((r) => [...decodeBucket(r, 0)]));
}

describe('score buckets', () => {
  it('hashes ids into the bucket range, the same id always to the same bucket, spread out', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const b = bucketOf(`bench-${i}`);
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(SCORE_BUCKET_COUNT);
      expect(bucketOf(`bench-${i}`)).toBe(b);
      seen.add(b);
    }
    expect(seen.size).toBe(SCORE_BUCKET_COUNT);
  });

  it('encodes and decodes a bucket without loss', () => {
    const entries = new Map<string, ScoreEntry>([
      ['a', { total: 77, grade: 'A1', fit: 'CTO\u0001a@b.c', stage: 'customer', types: ['email.sent', 'note.added', 'email.sent'], times: [5, 6.5, 1e12], stamp: 0 }],
      ['b', { total: 0, grade: '', fit: '', stage: '', types: ['email.received'], times: [3], stamp: 0 }],
      ['c', { total: 100, grade: 'C3', fit: '', stage: 'lead', types: [], times: [], stamp: 0 }],
    ]);
    expect([...decodeBucket(encodeBucket(7, entries), 0)]).toEqual([...entries]);
  });

  it('keeps every digest equal to a fresh scan of the activities through any mix of writes (incl. aborted ones)', async () => {
    type Op =
      | { op: 'add' | 'put'; id: number; target: number; type: number; at: number }
      | { op: 'delete'; id: number }
      | { op: 'eraseContact'; target: number }
      | { op: 'putContact'; target: number; score: number }
      | { op: 'deleteContact'; target: number }
      | { op: 'abortedAdd'; id: number; target: number }
      | { op: 'clearActivities' };
    const idx = fc.integer({ min: 0, max: CONTACTS.length - 1 });
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('add' as const, 'put' as const), id: fc.integer({ min: 0, max: 12 }), target: idx, type: fc.integer({ min: 0, max: TYPES.length - 1 }), at: fc.integer({ min: 0, max: 4 }) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), id: fc.integer({ min: 0, max: 12 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('eraseContact' as const), target: idx }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('putContact' as const), target: idx, score: fc.integer({ min: 0, max: 100 }) }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteContact' as const), target: idx }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('abortedAdd' as const), id: fc.integer({ min: 20, max: 25 }), target: idx }) },
      { weight: 1, arbitrary: fc.record({ op: fc.constant('clearActivities' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 14 }), async (ops) => {
        const db = new FichaDb(`buckets-prop-${++n}`);
        await db.contacts.bulkPut(CONTACTS.slice(0, 3).map((id) => contact(id, 10)));
        for (const o of ops) {
          switch (o.op) {
            case 'add':
              // The same id twice fails, as a second log of one message does; nothing half-applied.
              await db.activities.add(activity(`a${o.id}`, CONTACTS[o.target]!, TYPES[o.type]!, o.at)).catch(() => undefined);
              break;
            case 'put':
              await db.activities.put(activity(`a${o.id}`, CONTACTS[o.target]!, TYPES[o.type]!, o.at));
              break;
            case 'delete':
              await db.activities.delete(`a${o.id}`);
              break;
            case 'eraseContact': {
              const id = CONTACTS[o.target]!;
              await db.transaction('rw', db.contacts, db.activities, async () => {
                await db.activities.where('[targetId+occurredAt]').between([id, -Infinity], [id, Infinity]).delete();
                await db.contacts.delete(id);
              });
              break;
            }
            case 'putContact':
              await db.contacts.put(contact(CONTACTS[o.target]!, o.score, o.score > 50 ? 'A1' : 'C2'));
              break;
            case 'deleteContact':
              await db.contacts.delete(CONTACTS[o.target]!);
              break;
            case 'abortedAdd':
              await db
                .transaction('rw', db.activities, async () => {
                  await db.activities.add(activity(`a${o.id}`, CONTACTS[o.target]!, 'email.sent', 9));
                  throw new Error('rolled back');
                })
                .catch(() => undefined);
              break;
            case 'clearActivities':
              await db.activities.clear();
              break;
          }
        }
        const expected = await scanned(db);
        expect(await stored(db)).toEqual(expected);
        // The in-memory copy the reads use says the same.
        const state = scoreBuckets(db);
        await db.contacts.toArray(); // loads the copy again if an abort dropped it
        const memory = view(CONTACTS.flatMap((id) => { const e = state.get(id); return e ? [[id, e] as [string, ScoreEntry]] : []; }));
        expect(memory).toEqual(expected);
        db.close();
        await Dexie.delete(db.name);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('contact reads carry the bucket score, whatever read path (get, index, cursor filter, bulkGet)', async () => {
    const db = new FichaDb(`buckets-reads-${++n}`);
    await db.contacts.bulkPut([contact('a', 10), contact('b', 20)]);
    const now = Date.now();
    await db.transaction('rw', db.contacts, db.activities, db.companies, async () => {
      await db.activities.add(activity('m1', 'a', 'email.sent', now));
      await rescoreContact(db, 'a', now);
    });
    const expected = (await scoreOf(db, (await db.contacts.get('a'))!, now)).total;
    expect(expected).not.toBe(10);
    expect((await db.contacts.get('a'))!.leadScore).toBe(expected);
    expect((await db.contacts.where('emailKeys').equals('a@acme.com').first())!.leadScore).toBe(expected);
    expect((await db.contacts.filter((c) => c.id === 'a').toArray())[0]!.leadScore).toBe(expected);
    expect((await db.contacts.bulkGet(['a', 'b'])).map((c) => c!.leadScore)).toEqual([expected, 20]);
    // A fresh connection (worker restart) reads the same from the stored buckets.
    db.close();
    const again = new FichaDb(db.name);
    expect((await again.contacts.get('a'))!.leadScore).toBe(expected);
  });
});

describe('upgrade from version 10', () => {
  it('moves the stored scores into buckets and builds every digest from the activities', async () => {
    const name = `buckets-v10-${++n}`;
    const v10 = v10Database(name);
    const now = Date.now();
    await v10.table('contacts').bulkPut([contact('p', 64, 'A2'), contact('q', 12, 'C3'), contact('r', 0, 'C3')]);
    await v10.table('activities').bulkPut([
      activity('1', 'p', 'email.sent', now - 1000), activity('2', 'p', 'email.received', now - 2000), activity('3', 'q', 'note.added', now),
      activity('4', 'gone', 'email.sent', now), // a contact deleted earlier: its digest is kept, it has no score
    ]);
    v10.close();

    const db = new FichaDb(name);
    expect((await db.contacts.bulkGet(['p', 'q', 'r'])).map((c) => [c!.leadScore, c!.leadGrade])).toEqual([[64, 'A2'], [12, 'C3'], [0, 'C3']]);
    expect(await stored(db)).toEqual(await scanned(db));
    expect((await stored(db)).p!.digest).toHaveLength(2);
    // The score indexes are gone; the rest of the contact's indexes still answer.
    expect(db.contacts.schema.indexes.map((i) => i.name)).not.toContain('leadScore');
    expect((await db.contacts.where('emailKeys').equals('q@acme.com').first())!.id).toBe('q');
    // Rescoring from the digest gives what a scan of the activities gives.
    await db.transaction('rw', db.contacts, db.activities, db.companies, () => rescoreContact(db, 'p', now));
    const p = (await db.contacts.get('p'))!;
    const fromScan = await scoreOf(db, p, now);
    expect([p.leadScore, p.leadGrade]).toEqual([fromScan.total, fromScan.grade]);
  });
});

describe('upgrade to 1,024 buckets (v14)', () => {
  it('splits each of the 256 earlier rows into the four it now spans, losing no score or digest item', async () => {
    const db = new FichaDb(`buckets-split-${++n}`);
    const ids = Array.from({ length: 600 }, (_, i) => `p${i}`);
    await db.contacts.bulkPut(ids.map((id, i) => ({ ...contact(id, i % 100, i % 2 ? 'A1' : 'C3'), lifecycleStage: ['lead', 'customer', 'opportunity'][i % 3]! })));
    await db.activities.bulkPut(ids.flatMap((id, i) => [activity(`a${i}`, id, 'email.sent', 1_000 + i), activity(`b${i}`, id, 'note.added', 2_000 + i)]));
    const before = await stored(db);
    // The same entries laid out as before v14: bucket = hash % 256.
    const old = new Map<number, Map<string, ScoreEntry>>();
    for (const row of await db.scoreBuckets.toArray()) {
      for (const [id, entry] of decodeBucket(row, 0)) {
        const b = row.bucket % 256;
        if (!old.has(b)) old.set(b, new Map());
        old.get(b)!.set(id, entry);
      }
    }
    await db.scoreBuckets.clear();
    // Rows written before v14 carry no stages.
    await db.scoreBuckets.bulkPut([...old].map(([b, entries]) => {
      const { stages: _, ...row } = encodeBucket(b, entries);
      return row;
    }));
    expect(await db.scoreBuckets.count()).toBeLessThanOrEqual(256);
    expect(decodeBucket((await db.scoreBuckets.toArray())[0]!, 0).values().next().value!.stage).toBe('');

    await db.transaction('rw', db.contacts, db.scoreBuckets, async () =>
      rebucketScoreBuckets(db.table('scoreBuckets'), await stagesByContact(db.table('contacts'))),
    );
    const rows = await db.scoreBuckets.toArray();
    expect(rows.length).toBeGreaterThan(256);
    for (const row of rows) for (const id of row.ids) expect(bucketOf(id), id).toBe(row.bucket);
    expect(await stored(db)).toEqual(before);
    // Every contact's entry learned its stage from the stage index.
    const contacts = await db.contacts.toArray();
    const entries = new Map(rows.flatMap((r) => [...decodeBucket(r, 0)]));
    for (const c of contacts) expect(entries.get(c.id)!.stage, c.id).toBe(c.lifecycleStage);
    // Running it again changes nothing.
    await db.transaction('rw', db.scoreBuckets, () => rebucketScoreBuckets(db.table('scoreBuckets')));
    expect(await db.scoreBuckets.toArray()).toEqual(rows);
    db.close();
  });
});

describe('packed fit inputs', () => {
  it('score like the stored contact and its company would, for any profile', async () => {
    const { compileModel } = await import('@/lib/domain/scoring');
    const { DEFAULT_SCORING_MODEL } = await import('@/lib/domain/scoring-defaults');
    const { toScoringContact } = await import('@/lib/domain/profile-scoring');
    const { packFit, unpackFit } = await import('@/lib/storage/fit-facts');
    const scorer = compileModel(DEFAULT_SCORING_MODEL);
    const word = fc.constantFrom('', 'CTO', 'Head of Sales', 'vip', 'gmail.com', 'acme.com', 'Software', 'x\u0001y');
    await fc.assert(
      fc.property(
        fc.record({ title: word, tags: fc.array(word, { maxLength: 3 }), firstName: word, owner: word, phones: fc.boolean(), domain: fc.constantFrom('acme.com', 'gmail.com', ''), createdAt: fc.integer({ min: 0, max: 2e12 }),
          personaRole: fc.constantFrom(undefined, 'economic_evaluator', 'user'), industry: fc.constantFrom(undefined, 'Software', 'Retail'), size: fc.constantFrom(undefined, '1-10', '5000+'), company: fc.boolean() }),
        (r) => {
          const base = contactFromHeader({ email: `p@${r.domain || 'gmail.com'}` }, { id: 'p', now: r.createdAt });
          const c = { ...base, title: r.title, tags: r.tags, firstName: r.firstName, owner: r.owner, companyDomain: r.domain, phones: r.phones ? [{ number: '+34600000000', label: 'work' }] : [],
            profile: { ...base.profile, segmentation: { ...base.profile.segmentation, personaRole: r.personaRole, industry: r.industry, companySize: r.size } } } as typeof base;
          const company = r.company ? ({ domain: r.domain, name: 'Acme', industry: 'Software', sizeBand: '51-200', country: 'ES' } as never) : undefined;
          const now = 2e12;
          const want = scorer({ contact: toScoringContact(c, company), activities: [] }, now);
          const got = scorer({ contact: unpackFit(packFit(c), company), activities: [] }, now);
          expect([got.fit, got.total, got.grade]).toEqual([want.fit, want.total, want.grade]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('idInPart', () => {
  it('gives ids whose bucket lies in the asked part, so a bulk write touches that part of the bucket rows only', () => {
    for (let part = 0; part < BUCKET_PARTS; part++) {
      const buckets = new Set(Array.from({ length: 500 }, () => bucketOf(idInPart(() => crypto.randomUUID(), part))));
      const lo = Math.floor((part * SCORE_BUCKET_COUNT) / BUCKET_PARTS);
      const hi = Math.floor(((part + 1) * SCORE_BUCKET_COUNT) / BUCKET_PARTS);
      expect([...buckets].every((b) => b >= lo && b < hi)).toBe(true);
      // Spread over the part, not piled on a few rows.
      expect(buckets.size).toBeGreaterThan((hi - lo) / 2);
    }
  });
});
