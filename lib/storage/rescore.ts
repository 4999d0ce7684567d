// Rescoring every contact after a model change. The engagement inputs (each activity's type and time) and the scores
// live packed in a few hundred bucket rows (score-buckets.ts), so the rescore reads the contacts in large chunks, the
// companies once, scores from the in-memory digests, and writes back only the bucket rows whose scores moved — a
// few hundred row writes instead of 100,000 contact re-puts and 1,000,000 activity reads. Every transaction is short
// and the loop yields between them, so the sidebar's lookups and logs are served while it runs.
import type { Scorer } from '@/lib/domain/scoring';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import type { Company } from '@/lib/domain/record';
import type { FichaDb, StoredContact } from './db';
import { bucketOf, currentCoreTransaction, digestActivities, scoreBuckets, type ScoreBuckets } from './score-buckets';

/** Contacts read (and scored) per read-only transaction: one getAll-style read, about 15 ms of scoring. */
export const RESCORE_CHUNK = 2_000;
/** Bucket rows written per read-write transaction: a lookup waits at most one such write. */
export const RESCORE_WRITE_BUCKETS = 16;

export interface RescoreStatus {
  state: 'idle' | 'running' | 'done' | 'error';
  done: number;
  total: number;
  startedAt: number | null;
  finishedAt: number | null;
  error?: string;
  phases?: RescorePhases;
}

export interface RescoreProgress {
  done: number;
  total: number;
  /** Where the time went so far (ms): reading chunks, scoring, writing scores. For the benchmark. */
  phases?: RescorePhases;
}

export interface RescorePhases {
  read: number;
  score: number;
  write: number;
}

/** A new score waiting to be written, with the bucket sequence number at the time it was computed. */
interface PendingScore {
  id: string;
  total: number;
  grade: string;
  seq: number;
}

function scoreOne(scorer: Scorer, buckets: ScoreBuckets, contact: StoredContact, company: Company | undefined, now: number) {
  return scorer({ contact: toScoringContact(contact, company), activities: digestActivities(buckets.get(contact.id)) }, now);
}

/**
 * Returns the number of contacts rescored; stops early (writing nothing: the run that replaces it rewrites every
 * score) when `shouldStop` says so. Phase 1 reads and scores every contact in read-only chunks, keeping only the
 * scores that moved; phase 2 writes them bucket by bucket. A log or edit that changed a contact's entry after it was
 * scored (its stamp is newer) is rescored again inside the write transaction, so a concurrent change is never lost.
 */
export async function rescoreAll(
  db: FichaDb,
  scorer: Scorer,
  now: number,
  onProgress: (progress: RescoreProgress) => void,
  shouldStop: () => boolean = () => false,
  chunkSize = RESCORE_CHUNK,
): Promise<number> {
  const buckets = scoreBuckets(db);
  const phases: RescorePhases = { read: 0, score: 0, write: 0 };
  let t = performance.now();
  const [total, companyRows] = await Promise.all([db.contacts.count(), db.companies.toArray()]);
  const companies = new Map(companyRows.map((c) => [c.domain, c] as const));
  phases.read += performance.now() - t;
  onProgress({ done: 0, total });

  const pending = new Map<number, PendingScore[]>();
  let done = 0;
  let lastId: string | null = null;
  for (;;) {
    if (shouldStop()) return done;
    const after: string | null = lastId;
    const count = await db.transaction('r', db.contacts, async () => {
      t = performance.now();
      const chunk = await (after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after)).limit(chunkSize).toArray();
      await buckets.load(currentCoreTransaction());
      phases.read += performance.now() - t;
      t = performance.now();
      // Scored at once, inside the transaction: the digests are those of the rows just read.
      const seq = buckets.now;
      for (const contact of chunk) {
        const result = scoreOne(scorer, buckets, contact, companies.get(contact.companyDomain), now);
        if (result.total === contact.leadScore && result.grade === contact.leadGrade) continue;
        const b = bucketOf(contact.id);
        const list = pending.get(b);
        const item = { id: contact.id, total: result.total, grade: result.grade, seq };
        if (list) list.push(item);
        else pending.set(b, [item]);
      }
      phases.score += performance.now() - t;
      if (chunk.length) lastId = chunk[chunk.length - 1]!.id;
      return chunk.length;
    });
    if (count === 0) break;
    done += count;
    onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
    // Let queued lookups and logs run between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  const order = [...pending.keys()].sort((a, b) => a - b);
  for (let i = 0; i < order.length; i += RESCORE_WRITE_BUCKETS) {
    if (shouldStop()) return done;
    t = performance.now();
    const group = order.slice(i, i + RESCORE_WRITE_BUCKETS);
    await db.transaction('rw', db.contacts, db.companies, async () => {
      const trans = currentCoreTransaction();
      await buckets.load(trans);
      const fresh: PendingScore[] = [];
      const changedSince: string[] = [];
      for (const b of group) {
        for (const item of pending.get(b)!) {
          const entry = buckets.get(item.id);
          if (!entry || entry.grade === '') continue; // deleted meanwhile
          if (entry.stamp > item.seq) changedSince.push(item.id);
          else fresh.push(item);
        }
      }
      // Changed by a log or edit after it was scored: score it again from what is stored now.
      if (changedSince.length) {
        const rows = await db.contacts.bulkGet(changedSince);
        for (const contact of rows) {
          if (!contact) continue;
          const company = contact.companyDomain ? await db.companies.get(contact.companyDomain) : undefined;
          await buckets.load(trans);
          const result = scoreOne(scorer, buckets, contact, company, now);
          fresh.push({ id: contact.id, total: result.total, grade: result.grade, seq: buckets.now });
        }
      }
      await buckets.load(trans);
      await buckets.write(trans, buckets.setScores(trans, fresh));
    });
    phases.write += performance.now() - t;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
  return done;
}

