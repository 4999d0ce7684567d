// Rescoring every contact after a model change: keyset-paged chunks, each read and written in its own short
// transaction, the next chunk's read already in flight while this one is scored and written, yielding between
// chunks so the sidebar's lookups and logs are served while it runs.
import type { Scorer } from '@/lib/domain/scoring';
import type { Activity } from '@/lib/domain/activity';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import type { Company } from '@/lib/domain/record';
import type { FichaDb, StoredContact } from './db';
import { syncTracker } from './sync-tracking';

// Small chunks, read and written in separate short transactions: a lookup from the sidebar waits at most one
// write of them (a long read-write transaction over contacts would block every lookup until it ends).
export const RESCORE_CHUNK = 500;

interface ChunkData {
  chunk: StoredContact[];
  activities: Activity[];
  companies: Map<string, Company>;
}

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
  /** Where the time went so far (ms): waiting for chunk reads, scoring, writing scores. For the benchmark. */
  phases?: RescorePhases;
}

export interface RescorePhases {
  readWait: number;
  score: number;
  write: number;
}

export type ScoreChanges = Map<string, { before: [number, string]; after: [number, string] }>;

/** One chunk of contacts after `after` (by id), with their activities and companies, in one read-only transaction. */
function readChunk(db: FichaDb, after: string | null, size: number): Promise<ChunkData> {
  return db.transaction('r', db.contacts, db.activities, db.companies, async (): Promise<ChunkData> => {
    const contacts = await (after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after)).limit(size).toArray();
    if (contacts.length === 0) return { chunk: contacts, activities: [], companies: new Map() };
    const first = contacts[0]!.id;
    const last = contacts[contacts.length - 1]!.id;
    const domains = [...new Set(contacts.map((c) => c.companyDomain).filter(Boolean))];
    // One range read covers every activity of the chunk (the index sorts by contact id first); both reads in flight at once.
    const [activities, rows] = await Promise.all([
      db.activities.where('[targetId+occurredAt]').between([first, -Infinity], [last, Infinity]).toArray(),
      db.companies.bulkGet(domains),
    ]);
    return { chunk: contacts, activities, companies: new Map(rows.flatMap((c) => (c ? [[c.domain, c] as const] : []))) };
  });
}

/** Scores a chunk; returns only the contacts whose score or grade moved. */
export function scoreChunk(scorer: Scorer, { chunk, activities, companies }: ChunkData, now: number): ScoreChanges {
  const byContact = new Map<string, Activity[]>();
  for (const a of activities) {
    const list = byContact.get(a.targetId);
    if (list) list.push(a);
    else byContact.set(a.targetId, [a]);
  }
  const changed: ScoreChanges = new Map();
  for (const contact of chunk) {
    const result = scorer({ contact: toScoringContact(contact, companies.get(contact.companyDomain)), activities: byContact.get(contact.id) ?? [] }, now);
    if (result.total !== contact.leadScore || result.grade !== contact.leadGrade) {
      changed.set(contact.id, { before: [contact.leadScore, contact.leadGrade], after: [result.total, result.grade] });
    }
  }
  return changed;
}

/** Returns the number of contacts rescored; stops early (returning what it did) when `shouldStop` says so. */
export async function rescoreAll(
  db: FichaDb,
  scorer: Scorer,
  now: number,
  onProgress: (progress: RescoreProgress) => void,
  shouldStop: () => boolean = () => false,
  chunkSize = RESCORE_CHUNK,
): Promise<number> {
  const total = await db.contacts.count();
  let done = 0;
  onProgress({ done, total });
  const phases: RescorePhases = { readWait: 0, score: 0, write: 0 };
  let next = readChunk(db, null, chunkSize);
  try {
    while (!shouldStop()) {
      let t = performance.now();
      const data = await next;
      phases.readWait += performance.now() - t;
      if (data.chunk.length === 0) break;
      // Read ahead: the next chunk's IndexedDB work overlaps this chunk's scoring and write.
      next = readChunk(db, data.chunk[data.chunk.length - 1]!.id, chunkSize);
      t = performance.now();
      const changed = scoreChunk(scorer, data, now);
      phases.score += performance.now() - t;
      t = performance.now();
      if (changed.size > 0) await writeScores(db, changed);
      phases.write += performance.now() - t;
      done += data.chunk.length;
      onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    next.catch(() => {}); // a read-ahead left behind by a stop is not an error
  }
  return done;
}

/**
 * Writes new scores unless a contact's score moved since it was read: then a log or edit rescored it meanwhile,
 * with the same (new) model and newer activities, and that result wins. Only score and grade change, and both are
 * derived on every replica (never synced): the sync tracker is told so and skips reading and diffing each row.
 */
export async function writeScores(db: FichaDb, changed: ScoreChanges): Promise<void> {
  await db.transaction('rw', db.contacts, async (tx) => {
    syncTracker(db).markDerived(tx.idbtrans);
    const current = await db.contacts.bulkGet([...changed.keys()]);
    const updates = [];
    for (const contact of current) {
      const change = contact && changed.get(contact.id);
      if (!contact || !change || contact.leadScore !== change.before[0] || contact.leadGrade !== change.before[1]) continue;
      updates.push({ ...contact, leadScore: change.after[0], leadGrade: change.after[1] });
    }
    await db.contacts.bulkPut(updates);
  });
}
