// The packed layout of the score buckets (see score-buckets.ts): which bucket a contact is in, a bucket's row as
// stored (columns) and decoded (one entry per contact), and building every bucket from scratch (the v11 upgrade).
import type Dexie from 'dexie';
import type { ScoringActivity } from '@/lib/domain/scoring/input';
import { type FitSource, packFit } from './fit-facts';

// 1,024 since v14 (256 before): a logged email rewrites its contact's bucket row, and at 100,000 contacts and
// 1,000,000 activities a 256th of them was a ~200 KB value, slow and uneven to write on every click.
export const SCORE_BUCKET_COUNT = 1024;
export const SCORE_BUCKETS_TABLE = 'scoreBuckets';

/** FNV-1a of the id: spreads sequential ids ("bench-1", "bench-2") over the buckets. */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SCORE_BUCKET_COUNT;
}

/**
 * Parts the buckets are split into for bulk writes: an import chunk's new contacts all get ids in one part (idInPart),
 * so each chunk rewrites a fifth of the bucket rows, not all of them (every bucket row holds a share of every contact
 * so far: rewriting them all per chunk made the writes grow with the square of the import). Five: one part per
 * chunk of an import of 100,000 rows.
 */
export const BUCKET_PARTS = 5;

/** A new id from `newId` whose bucket is in `part` of BUCKET_PARTS (about 5 tries; any id after 100). */
export function idInPart(newId: () => string, part: number): string {
  const lo = Math.floor((part * SCORE_BUCKET_COUNT) / BUCKET_PARTS);
  const hi = Math.floor(((part + 1) * SCORE_BUCKET_COUNT) / BUCKET_PARTS);
  for (let i = 0; i < 100; i++) {
    const id = newId();
    const b = bucketOf(id);
    if (b >= lo && b < hi) return id;
  }
  return newId();
}

/** One contact's entry, decoded. `grade` '' = no contact row (only activities point at this id). */
export interface ScoreEntry {
  total: number;
  grade: string;
  /** The contact's fit inputs (fit-facts.ts), '' without a contact row. */
  fit: string;
  /** The contact's lifecycle stage (search result lines), '' without a contact row or not known yet. */
  stage: string;
  /** Activity types and times, parallel arrays, in no particular order. */
  types: string[];
  times: number[];
  /** Sequence number of the entry's last change (the full rescore re-checks entries changed after it scored them). */
  stamp: number;
}

/** A new entry: no contact row, no activities yet. */
export const emptyEntry = (stamp: number): ScoreEntry => ({ total: 0, grade: '', fit: '', stage: '', types: [], times: [], stamp });

/** A bucket as stored: columns, so structured clone handles a few arrays instead of thousands of small objects. */
export interface ScoreBucketRow {
  bucket: number;
  ids: string[];
  totals: Uint8Array;
  grades: string[];
  fits: string[];
  /** Since v14; absent in older rows (read as ''). */
  stages?: string[];
  typeNames: string[];
  /** digestEnds[i]: end (exclusive) of entry i's digest in digestTypes / digestTimes. */
  digestEnds: Uint32Array;
  digestTypes: Uint8Array;
  digestTimes: Float64Array;
}

export function encodeBucket(bucket: number, entries: ReadonlyMap<string, ScoreEntry>): ScoreBucketRow {
  const ids: string[] = [];
  const totals = new Uint8Array(entries.size);
  const grades: string[] = [];
  const fits: string[] = [];
  const stages: string[] = [];
  const typeNames: string[] = [];
  const typeCode = new Map<string, number>();
  let digestSize = 0;
  for (const e of entries.values()) digestSize += e.types.length;
  const digestEnds = new Uint32Array(entries.size);
  const digestTypes = new Uint8Array(digestSize);
  const digestTimes = new Float64Array(digestSize);
  let i = 0;
  let d = 0;
  for (const [id, e] of entries) {
    ids.push(id);
    totals[i] = e.total;
    grades.push(e.grade);
    fits.push(e.fit);
    stages.push(e.stage);
    for (let k = 0; k < e.types.length; k++) {
      const type = e.types[k]!;
      let code = typeCode.get(type);
      if (code === undefined) {
        code = typeNames.length;
        typeNames.push(type);
        typeCode.set(type, code);
      }
      digestTypes[d] = code;
      digestTimes[d] = e.times[k]!;
      d++;
    }
    digestEnds[i++] = d;
  }
  return { bucket, ids, totals, grades, fits, stages, typeNames, digestEnds, digestTypes, digestTimes };
}

export function decodeBucket(row: ScoreBucketRow, stamp: number): Map<string, ScoreEntry> {
  const entries = new Map<string, ScoreEntry>();
  let start = 0;
  row.ids.forEach((id, i) => {
    const end = row.digestEnds[i]!;
    const types: string[] = new Array<string>(end - start);
    const times: number[] = new Array<number>(end - start);
    for (let d = start; d < end; d++) {
      types[d - start] = row.typeNames[row.digestTypes[d]!]!;
      times[d - start] = row.digestTimes[d]!;
    }
    entries.set(id, { total: row.totals[i]!, grade: row.grades[i]!, fit: row.fits[i] ?? '', stage: row.stages?.[i] ?? '', types, times, stamp });
    start = end;
  });
  return entries;
}

/** The digest as scoring input (no activity ids: an explanation reads the activities themselves). */
export function digestActivities(entry: ScoreEntry | undefined): ScoringActivity[] {
  if (!entry) return [];
  return entry.types.map((type, i) => ({ id: '', type: type as ScoringActivity['type'], occurredAt: entry.times[i]! }));
}

export interface ActivityLike {
  targetId: string;
  type: string;
  occurredAt: number;
}
export interface ContactLike extends FitSource {
  id: string;
  leadScore?: number;
  leadGrade?: string;
  lifecycleStage?: string;
}

/** Builds every bucket from scratch (the v11 upgrade; tests compare it with the maintained buckets). */
export function buildBuckets(contacts: Iterable<ContactLike>, activities: Iterable<ActivityLike>): Map<string, ScoreEntry>[] {
  const buckets = Array.from({ length: SCORE_BUCKET_COUNT }, () => new Map<string, ScoreEntry>());
  const entry = (id: string) => {
    const map = buckets[bucketOf(id)]!;
    let e = map.get(id);
    if (!e) map.set(id, (e = emptyEntry(0)));
    return e;
  };
  for (const c of contacts) {
    const e = entry(c.id);
    e.total = c.leadScore ?? 0;
    e.grade = c.leadGrade ?? 'C3';
    e.fit = packFit(c);
    e.stage = c.lifecycleStage ?? '';
  }
  for (const a of activities) {
    const e = entry(a.targetId);
    e.types.push(a.type);
    e.times.push(a.occurredAt);
  }
  return buckets;
}

/** Reads a table in primary-key chunks (getAll-style reads; a cursor costs per row). */
async function eachChunk<T extends { id: string }>(table: Dexie.Table<T, string>, size: number, fn: (rows: T[]) => void): Promise<void> {
  let last: string | null = null;
  for (;;) {
    const rows: T[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last)).limit(size).toArray();
    if (rows.length === 0) return;
    fn(rows);
    last = rows[rows.length - 1]!.id;
  }
}

/**
 * Builds the bucket rows from the contacts (their stored score) and every activity, replacing what was there: the
 * v11 upgrade (scores kept as they were, digests from the activities). Inside the caller's transaction.
 */
export async function rebuildScoreBuckets(contacts: Dexie.Table<ContactLike, string>, activities: Dexie.Table<ActivityLike & { id: string }, string>, rows: Dexie.Table<ScoreBucketRow, number>): Promise<void> {
  const scores: ContactLike[] = [];
  await eachChunk(contacts, 5_000, (chunk) => {
    for (const c of chunk) scores.push({ id: c.id, leadScore: c.leadScore, leadGrade: c.leadGrade, lifecycleStage: c.lifecycleStage, title: c.title, emails: c.emails, tags: c.tags, createdAt: c.createdAt, firstName: c.firstName, lastName: c.lastName, company: c.company, companyDomain: c.companyDomain, owner: c.owner, phones: c.phones, profile: c.profile });
  });
  const digest: ActivityLike[] = [];
  await eachChunk(activities, 20_000, (chunk) => {
    for (const a of chunk) digest.push({ targetId: a.targetId, type: a.type, occurredAt: a.occurredAt });
  });
  const buckets = buildBuckets(scores, digest);
  await rows.clear();
  await rows.bulkPut(buckets.flatMap((entries, b) => (entries.size ? [encodeBucket(b, entries)] : [])));
}

/**
 * Moves every entry to the bucket `bucketOf` gives now, one stored row at a time, and gives each contact its stage
 * from `stageOf` (the v14 upgrade: each of the 256 earlier rows splits into four, and entries learn their stage).
 */
export async function rebucketScoreBuckets(rows: Dexie.Table<ScoreBucketRow, number>, stageOf: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const keys = await rows.toCollection().primaryKeys();
  for (const key of keys) {
    const row = await rows.get(key);
    if (!row) continue;
    const groups = new Map<number, Map<string, ScoreEntry>>();
    let learned = false;
    for (const [id, entry] of decodeBucket(row, 0)) {
      const stage = entry.grade === '' ? '' : (stageOf.get(id) ?? entry.stage);
      if (stage !== entry.stage) [entry.stage, learned] = [stage, true];
      const b = bucketOf(id);
      let group = groups.get(b);
      if (!group) groups.set(b, (group = new Map()));
      group.set(id, entry);
    }
    if (groups.size === 1 && groups.has(key) && !learned) continue;
    const kept = groups.get(key);
    if (kept) await rows.put(encodeBucket(key, kept));
    else await rows.delete(key);
    for (const [b, entries] of groups) {
      if (b === key) continue;
      const existing = await rows.get(b);
      await rows.put(encodeBucket(b, existing ? new Map([...decodeBucket(existing, 0), ...entries]) : entries));
    }
  }
}

/** Contact id → lifecycle stage, through the stage index (keys only; the v14 upgrade). */
export async function stagesByContact(contacts: Dexie.Table<{ id: string }, string>): Promise<Map<string, string>> {
  const byId = new Map<string, string>();
  for (const stage of (await contacts.orderBy('lifecycleStage').uniqueKeys()) as string[]) {
    for (const id of await contacts.where('lifecycleStage').equals(stage).primaryKeys()) byId.set(id, stage);
  }
  return byId;
}
