// Rescoring every contact after a model change. Each contact's fit inputs, its activities' types and times, and its
// score live packed in a few hundred bucket rows (score-buckets.ts), so the rescore reads no contact or activity row:
// it scores the buckets in memory, a group at a time, and writes back the rows whose scores moved — a few hundred
// row writes instead of 100,000 contact re-puts and 1,000,000 activity reads. Each group is one short transaction,
// and the loop yields between them, so the sidebar's lookups and logs are served while it runs.
import type { Company } from '@/lib/domain/record';
import type { Scorer } from '@/lib/domain/scoring';
import type { FichaDb } from './db';
import { fitCompanyDomain, unpackFit } from './fit-facts';
import { currentCoreTransaction, digestActivities, SCORE_BUCKET_COUNT, scoreBuckets } from './score-buckets';

/** Buckets scored and written per read-write transaction (~3,000 contacts at 100,000: ~20 ms of scoring). */
export const RESCORE_GROUP = 8;

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
  /** Where the time went so far (ms): reading, scoring, writing scores. For the benchmark. */
  phases?: RescorePhases;
}

export interface RescorePhases {
  read: number;
  score: number;
  write: number;
  /** Scores that moved (bucket entries rewritten). */
  moved?: number;
  /** Times the in-memory buckets were dropped and read again during the run (an aborted or unconfirmed writer). */
  reloads?: number;
}

/**
 * Returns the number of contacts rescored; stops early (returning what it did) when `shouldStop` says so. Each group
 * of buckets is read, scored and written inside one read-write transaction, so a log or edit meanwhile runs before
 * or after it and its score is never overwritten with an older one. The companies are read once, and again inside
 * a group's transaction when one was written since.
 */
export async function rescoreAll(
  db: FichaDb,
  scorer: Scorer,
  now: number,
  onProgress: (progress: RescoreProgress) => void,
  shouldStop: () => boolean = () => false,
  groupSize = RESCORE_GROUP,
): Promise<number> {
  const buckets = scoreBuckets(db);
  const phases: RescorePhases = { read: 0, score: 0, write: 0, moved: 0, reloads: 0 };
  const dropsBefore = buckets.stats.loads;
  const total = await db.contacts.count();
  let companies = new Map<string, Company>();
  let companiesRead = -1;
  let done = 0;
  onProgress({ done, total });
  for (let first = 0; first < SCORE_BUCKET_COUNT; first += groupSize) {
    if (shouldStop()) return done;
    done += await db.transaction('rw', db.scoreBuckets, db.companies, async () => {
      let t = performance.now();
      const trans = currentCoreTransaction();
      if (companiesRead !== buckets.companiesVersion) {
        companiesRead = buckets.companiesVersion;
        companies = new Map((await db.companies.toArray()).map((c) => [c.domain, c] as const));
      }
      await buckets.load(trans);
      phases.read += performance.now() - t;
      t = performance.now();
      const moved: { id: string; total: number; grade: string }[] = [];
      let count = 0;
      for (let b = first; b < Math.min(SCORE_BUCKET_COUNT, first + groupSize); b++) {
        for (const [id, entry] of buckets.entries(b)) {
          if (entry.grade === '') continue; // activities of a contact that is gone
          count++;
          const domain = fitCompanyDomain(entry.fit);
          const result = scorer({ contact: unpackFit(entry.fit, domain ? companies.get(domain) : undefined), activities: digestActivities(entry) }, now);
          if (result.total !== entry.total || result.grade !== entry.grade) moved.push({ id, total: result.total, grade: result.grade });
        }
      }
      phases.score += performance.now() - t;
      t = performance.now();
      phases.moved! += moved.length;
      await buckets.write(trans, buckets.setScores(trans, moved));
      phases.write += performance.now() - t;
      return count;
    });
    phases.reloads = buckets.stats.loads - dropsBefore;
    onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
    // Let queued lookups and logs run between groups.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}
