// Rescoring every contact after a model change: keyset-paged chunks, each read, scored and written in its own short
// transaction, yielding between chunks so the sidebar's lookups and logs are served while it runs.
import type { Scorer } from '@/lib/domain/scoring';
import type { Activity } from '@/lib/domain/activity';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import type { Company } from '@/lib/domain/record';
import type { FichaDb, StoredContact } from './db';
import { syncTracker } from './sync-tracking';

// Small chunks in short transactions: a lookup from the sidebar waits at most one of them (one long read-write
// transaction over contacts would block every lookup until it ends).
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
  /** Where the time went so far (ms): reading chunks, scoring, writing scores. For the benchmark. */
  phases?: RescorePhases;
}

export interface RescorePhases {
  read: number;
  score: number;
  write: number;
}

export type ScoreChanges = Map<string, { before: [number, string]; after: [number, string] }>;

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

/**
 * Returns the number of contacts rescored; stops early (returning what it did) when `shouldStop` says so.
 * Each chunk is read, scored and written in one read-write transaction: the contacts are read once (a separate read
 * and write would read them twice, to avoid overwriting a concurrent log's score), and a log or edit meanwhile
 * simply runs before or after the chunk. Measured 30 % faster than read-ahead with separate write transactions; a
 * sidebar lookup waits at most one chunk, as it waited for the separate write before.
 */
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
  let lastId: string | null = null;
  const phases: RescorePhases = { read: 0, score: 0, write: 0 };
  onProgress({ done, total });
  while (!shouldStop()) {
    const after: string | null = lastId;
    const count = await db.transaction('rw', db.contacts, db.activities, db.companies, async (tx) => {
      let t = performance.now();
      const data = await readChunk(db, after, chunkSize);
      phases.read += performance.now() - t;
      if (data.chunk.length === 0) return 0;
      t = performance.now();
      const changed = scoreChunk(scorer, data, now);
      phases.score += performance.now() - t;
      t = performance.now();
      if (changed.size > 0) {
        // Only score and grade change, both derived on every replica (never synced): the sync tracker skips
        // reading and diffing each row.
        syncTracker(db).markDerived(tx.idbtrans);
        const byId = new Map(data.chunk.map((c) => [c.id, c]));
        await db.contacts.bulkPut([...changed].map(([id, { after: [leadScore, leadGrade] }]) => ({ ...byId.get(id)!, leadScore, leadGrade })));
      }
      phases.write += performance.now() - t;
      lastId = data.chunk[data.chunk.length - 1]!.id;
      return data.chunk.length;
    });
    if (count === 0) break;
    done += count;
    onProgress({ done, total: Math.max(total, done), phases: { ...phases } });
    // Let queued lookups and logs run between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}

/** One chunk of contacts after `after` (by id), with their activities and companies; inside the caller's transaction. */
async function readChunk(db: FichaDb, after: string | null, size: number): Promise<ChunkData> {
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
}
