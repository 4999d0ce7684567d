// Rescoring every contact after a model change. Each contact's fit inputs, its activities' types and times, and its
// score live packed in a few hundred bucket rows (score-buckets.ts), so the rescore reads no contact or activity row:
// it scores the buckets in memory, a few at a time between yields, and writes back the rows whose scores moved in a
// few short transactions — a few hundred row writes instead of 100,000 contact re-puts and 1,000,000 activity reads.
// The sidebar's lookups and logs are served between the slices and the writes.
import type { Company } from '@/lib/domain/record';
import type { Scorer } from '@/lib/domain/scoring';
import type { FichaDb } from './db';
import { fitCompanyDomain, unpackFit } from './fit-facts';
import { storeRequest } from './idb-request';
import { currentCoreTransaction, digestActivities, SCORE_BUCKET_COUNT, type ScoreEntry, scoreBuckets, writeTransaction } from './score-buckets';

/** Buckets scored per macrotask (~1,600 contacts at 100,000 over 1,024 buckets: about 10 ms of scoring). */
export const RESCORE_SLICE = 16;
/** Bucket rows written per read-write transaction. */
export const RESCORE_WRITE_GROUP = 128;

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

interface Moved {
  id: string;
  total: number;
  grade: string;
  /** The bucket sequence number when it was scored: an entry stamped later changed meanwhile. */
  seq: number;
}

function scoreEntry(scorer: Scorer, entry: ScoreEntry, companies: ReadonlyMap<string, Company>, now: number) {
  const domain = fitCompanyDomain(entry.fit);
  return scorer({ contact: unpackFit(entry.fit, domain ? companies.get(domain) : undefined), activities: digestActivities(entry) }, now);
}

const companyMap = (rows: Company[]) => new Map(rows.map((c) => [c.domain, c] as const));

/**
 * Returns the number of contacts rescored; stops early (returning what it did) when `shouldStop` says so. Scoring runs
 * on the in-memory buckets between yields; each group's moved scores are written in one read-write transaction,
 * which first scores again any entry a log or edit changed after it was scored (and, if a company was written
 * meanwhile, every moved entry of the group, with the companies read in that transaction), so a concurrent change
 * is never overwritten with an older score. The writes use relaxed durability: scores are derived data.
 */
export async function rescoreAll(
  db: FichaDb,
  scorer: Scorer,
  now: number,
  onProgress: (progress: RescoreProgress) => void,
  shouldStop: () => boolean = () => false,
  writeGroup = RESCORE_WRITE_GROUP,
): Promise<number> {
  const buckets = scoreBuckets(db);
  const phases: RescorePhases = { read: 0, score: 0, write: 0, moved: 0, reloads: 0 };
  const loadsBefore = buckets.stats.loads;
  let t = performance.now();
  const total = await db.contacts.count();
  let companiesRead = buckets.companiesVersion;
  let companies = companyMap(await db.companies.toArray());
  phases.read += performance.now() - t;
  let done = 0;
  onProgress({ done, total });
  for (let first = 0; first < SCORE_BUCKET_COUNT; first += writeGroup) {
    if (shouldStop()) return done;
    const end = Math.min(SCORE_BUCKET_COUNT, first + writeGroup);
    const moved: Moved[] = [];
    for (let slice = first; slice < end; slice += RESCORE_SLICE) {
      t = performance.now();
      if (!buckets.loaded) await db.transaction('r', db.contacts, () => buckets.load(currentCoreTransaction()));
      if (companiesRead !== buckets.companiesVersion) {
        companiesRead = buckets.companiesVersion;
        companies = companyMap(await db.companies.toArray());
      }
      phases.read += performance.now() - t;
      t = performance.now();
      const seq = buckets.now;
      for (let b = slice; b < Math.min(end, slice + RESCORE_SLICE); b++) {
        for (const [id, entry] of buckets.entries(b)) {
          if (entry.grade === '') continue; // activities of a contact that is gone
          done++;
          const result = scoreEntry(scorer, entry, companies, now);
          if (result.total !== entry.total || result.grade !== entry.grade) moved.push({ id, total: result.total, grade: result.grade, seq });
        }
      }
      phases.score += performance.now() - t;
      // Let queued lookups and logs run between slices.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    t = performance.now();
    await writeTransaction(db, ['scoreBuckets', 'companies'], async (trans) => {
      await buckets.load(trans);
      let current = companies;
      const companiesChanged = companiesRead !== buckets.companiesVersion;
      if (companiesChanged) current = companyMap(await storeRequest<Company[]>(trans, 'companies', (store) => store.getAll()));
      await buckets.load(trans);
      const fresh: { id: string; total: number; grade: string }[] = [];
      for (const item of moved) {
        const entry = buckets.get(item.id);
        if (!entry || entry.grade === '') continue; // deleted meanwhile
        if (!companiesChanged && entry.stamp <= item.seq) fresh.push(item);
        else {
          const result = scoreEntry(scorer, entry, current, now);
          fresh.push({ id: item.id, total: result.total, grade: result.grade });
        }
      }
      phases.moved! += fresh.length;
      await buckets.write(trans, buckets.setScores(trans, fresh));
    });
    phases.write += performance.now() - t;
    phases.reloads = buckets.stats.loads - loadsBefore;
    onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}
