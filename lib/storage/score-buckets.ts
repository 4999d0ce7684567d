// Lead scores and the scoring inputs from activities, packed per bucket of contacts. IndexedDB costs per row, not per
// byte: a full rescore of 100,000 contacts cannot read 1,000,000 activity rows and re-put 100,000 contact rows (with
// their multi-entry indexes) in 10 s. So each contact's score (total, grade), fit inputs and engagement digest (the
// type and time of each of its activities, all the engagement rules read) live in one of SCORE_BUCKET_COUNT rows,
// chosen by a hash of the contact id. A DBCore middleware (score-buckets-middleware.ts) keeps them right: it adds
// the `scoreBuckets` store to every transaction over contacts (or writing activities) and, in the same transaction
// as each activity or contact put/delete, rewrites the buckets touched. Contact reads get `leadScore`/`leadGrade`
// from the buckets (a decoded copy kept in memory, this file), so every reader — lookup, search, card, export,
// suggestions, dashboard — sees the bucket's score; a contact put stores the score it carries into its bucket. The
// contact row's own leadScore/leadGrade are left as they were (v10) and ignored.
import Dexie from 'dexie';
import type { DBCoreTransaction } from 'dexie';
import { type ActivityLike, bucketOf, type ContactLike, decodeBucket, emptyEntry, encodeBucket, SCORE_BUCKET_COUNT, SCORE_BUCKETS_TABLE, type ScoreBucketRow, type ScoreEntry } from './score-buckets-codec';
import { packFit } from './fit-facts';
import { request, storeOf } from './idb-request';
import { OpenWriters } from './open-writers';

export * from './score-buckets-codec';

/** Per-database state: the decoded buckets (null until loaded in some transaction) and the change sequence. */
export class ScoreBuckets {
  private buckets: Map<string, ScoreEntry>[] | null = null;
  private rows: (ScoreBucketRow | undefined)[] = [];
  private loadStamp = 0;
  private seq = 1;
  /** Transactions that changed the in-memory buckets: if one aborts, the copy is dropped and reloaded. */
  private readonly writers = new OpenWriters();

  get loaded(): boolean {
    return this.buckets !== null;
  }

  /** Bumped by every company write (the full rescore re-reads the companies it scores with). */
  companiesVersion = 0;

  /** Entry ids and entries of bucket `b` (loaded buckets only). */
  entries(b: number): Map<string, ScoreEntry> {
    return this.bucket(b);
  }

  /** The sequence number now: an entry with a higher stamp changed after this moment. */
  get now(): number {
    return this.seq;
  }

  /** Copies dropped after an aborted write, and loads of the bucket rows (for the benchmark's report). */
  readonly stats = { aborted: 0, loads: 0 };

  invalidate(): void {
    this.buckets = null;
    this.rows = [];
    this.seq++;
  }

  /**
   * Loads the bucket rows in `trans` (which must cover the bucket store) unless already in memory. Straight on the IDB
   * transaction (the DBCore transaction is the IDBTransaction): no middleware below needs to see the bucket store.
   * Dexie promises throughout this file: awaiting a native one inside a transaction leaves Dexie's zone.
   */
  load(trans: DBCoreTransaction): Promise<void> {
    if (this.buckets) return Dexie.Promise.resolve();
    const store = idbStore(trans);
    const loading = request<ScoreBucketRow[]>(store.getAll()).then((result) => {
      if (this.buckets) return;
      this.loadStamp = ++this.seq;
      this.stats.loads++;
      // Decoded per bucket on first use: a lookup right after start decodes one bucket, not all of them.
      this.rows = new Array<ScoreBucketRow | undefined>(SCORE_BUCKET_COUNT);
      for (const row of result) if (row.bucket >= 0 && row.bucket < SCORE_BUCKET_COUNT) this.rows[row.bucket] = row;
      this.buckets = new Array<Map<string, ScoreEntry> | undefined>(SCORE_BUCKET_COUNT) as Map<string, ScoreEntry>[];
    });
    this.pending = loading;
    return loading;
  }

  /** The last load started (in whichever transaction): a reader outside transactions waits for it, not loads again. */
  pending: Promise<void> | null = null;

  /** Bucket `b`'s entries (decoded on first use); the buckets must be loaded. */
  private bucket(b: number): Map<string, ScoreEntry> {
    if (!this.buckets) throw new Error('score buckets: not loaded in this transaction');
    let map = this.buckets[b];
    if (!map) {
      const row = this.rows[b];
      map = row ? decodeBucket(row, this.loadStamp) : new Map<string, ScoreEntry>();
      this.buckets[b] = map;
      this.rows[b] = undefined;
    }
    return map;
  }

  /** The entry of `id`, once loaded. */
  get(id: string): ScoreEntry | undefined {
    return this.buckets ? this.bucket(bucketOf(id)).get(id) : undefined;
  }

  /**
   * The score, fit and stage of `id` without decoding its bucket (search result lines: decoding a bucket's digest
   * for each of 20 results cost a keystroke ~10 ms). Loaded buckets only.
   */
  peek(id: string): Pick<ScoreEntry, 'total' | 'grade' | 'fit' | 'stage'> | undefined {
    if (!this.buckets) return undefined;
    const b = bucketOf(id);
    const decoded = this.buckets[b];
    if (decoded) return decoded.get(id);
    const row = this.rows[b];
    const i = row ? row.ids.indexOf(id) : -1;
    if (!row || i < 0) return undefined;
    return { total: row.totals[i]!, grade: row.grades[i]!, fit: row.fits[i] ?? '', stage: row.stages?.[i] ?? '' };
  }

  /** Every contact's score, for the dashboard (loaded buckets only; a bucket not decoded yet is read as stored). */
  *scored(): Generator<[string, { total: number; grade: string }]> {
    if (!this.buckets) return;
    for (let b = 0; b < SCORE_BUCKET_COUNT; b++) {
      const row = this.buckets[b] ? undefined : this.rows[b];
      if (row) {
        for (let i = 0; i < row.ids.length; i++) if (row.grades[i] !== '') yield [row.ids[i]!, { total: row.totals[i]!, grade: row.grades[i]! }];
        continue;
      }
      for (const pair of this.bucket(b)) if (pair[1].grade !== '') yield pair;
    }
  }

  /**
   * Every stored contact's id with its packed fit (fit-facts.ts), read from the rows as loaded when a bucket is not
   * decoded yet (the search table is built from these without reading 100,000 contact rows). Loaded buckets only.
   */
  *contactFits(): Generator<[string, string]> {
    if (!this.buckets) return;
    for (let b = 0; b < SCORE_BUCKET_COUNT; b++) {
      const row = this.buckets[b] ? undefined : this.rows[b];
      if (row) {
        for (let i = 0; i < row.ids.length; i++) if (row.grades[i] !== '') yield [row.ids[i]!, row.fits[i] ?? ''];
        continue;
      }
      for (const [id, e] of this.bucket(b)) if (e.grade !== '') yield [id, e.fit];
    }
  }

  /** Overlays the bucket's score on a contact row read from the database (in place: the row is a fresh copy). */
  overlay(row: unknown): void {
    if (!row || typeof row !== 'object') return;
    const c = row as ContactLike;
    const e = this.get(c.id);
    if (e && e.grade !== '') {
      c.leadScore = e.total;
      c.leadGrade = e.grade;
    }
  }

  private entry(id: string, create: boolean): ScoreEntry | undefined {
    const map = this.bucket(bucketOf(id));
    let e = map.get(id);
    if (!e && create) map.set(id, (e = emptyEntry(this.seq)));
    return e;
  }

  private drop(id: string, e: ScoreEntry): void {
    if (e.grade === '' && e.types.length === 0) this.bucket(bucketOf(id)).delete(id);
  }

  /** Contacts written: their score (as the row carries it) and fit inputs; returns the buckets that changed. */
  putContacts(trans: object, contacts: Iterable<ContactLike>, dirty = new Set<number>()): Set<number> {
    for (const c of contacts) {
      const e = this.entry(c.id, true)!;
      const total = c.leadScore ?? 0;
      const grade = c.leadGrade ?? 'C3';
      const fit = packFit(c);
      const stage = c.lifecycleStage ?? '';
      if (e.total === total && e.grade === grade && e.fit === fit && e.stage === stage) continue;
      e.total = total;
      e.grade = grade;
      e.fit = fit;
      e.stage = stage;
      e.stamp = ++this.seq;
      dirty.add(bucketOf(c.id));
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  /** Sets scores; returns the buckets that changed (to be written). */
  setScores(trans: object, scores: Iterable<{ id: string; total: number; grade: string }>, dirty = new Set<number>()): Set<number> {
    for (const { id, total, grade } of scores) {
      const e = this.entry(id, true)!;
      if (e.total === total && e.grade === grade) continue;
      e.total = total;
      e.grade = grade;
      e.stamp = ++this.seq;
      dirty.add(bucketOf(id));
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  removeContacts(trans: object, ids: Iterable<string>, dirty = new Set<number>()): Set<number> {
    for (const id of ids) {
      const e = this.entry(id, false);
      if (!e || e.grade === '') continue;
      e.grade = '';
      e.total = 0;
      e.fit = '';
      e.stage = '';
      e.stamp = ++this.seq;
      this.drop(id, e);
      dirty.add(bucketOf(id));
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  addActivities(trans: object, activities: Iterable<ActivityLike>, dirty = new Set<number>()): Set<number> {
    for (const a of activities) {
      const e = this.entry(a.targetId, true)!;
      e.types.push(a.type);
      e.times.push(a.occurredAt);
      e.stamp = ++this.seq;
      dirty.add(bucketOf(a.targetId));
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  /** Removes one digest item per activity (same type and time: such items are interchangeable for scoring). */
  removeActivities(trans: object, activities: Iterable<ActivityLike>, dirty = new Set<number>()): Set<number> {
    for (const a of activities) {
      const e = this.entry(a.targetId, false);
      if (!e) continue;
      for (let i = e.types.length - 1; i >= 0; i--) {
        if (e.types[i] !== a.type || e.times[i] !== a.occurredAt) continue;
        e.types[i] = e.types[e.types.length - 1]!;
        e.times[i] = e.times[e.times.length - 1]!;
        e.types.pop();
        e.times.pop();
        e.stamp = ++this.seq;
        this.drop(a.targetId, e);
        dirty.add(bucketOf(a.targetId));
        break;
      }
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  /** Every contact's score gone (contacts cleared); digests kept. */
  clearScores(trans: object): Set<number> {
    const dirty = new Set<number>();
    for (let b = 0; b < SCORE_BUCKET_COUNT; b++) {
      for (const [id, e] of this.bucket(b)) if (e.grade !== '') this.removeContacts(trans, [id], dirty);
    }
    return dirty;
  }

  /** Every digest gone (activities cleared); scores kept. */
  clearDigests(trans: object): Set<number> {
    const dirty = new Set<number>();
    for (let b = 0; b < SCORE_BUCKET_COUNT; b++) {
      for (const [id, e] of this.bucket(b)) {
        if (e.types.length === 0) continue;
        e.types = [];
        e.times = [];
        e.stamp = ++this.seq;
        this.drop(id, e);
        dirty.add(b);
      }
    }
    if (dirty.size) this.wrote(trans);
    return dirty;
  }

  /** Writes the given buckets' rows in `trans`. */
  write(trans: DBCoreTransaction, dirty: Iterable<number>): Promise<void> {
    const values = [...dirty].map((b) => encodeBucket(b, this.bucket(b)));
    if (values.length === 0) return Dexie.Promise.resolve();
    const store = idbStore(trans);
    return Dexie.Promise.all(values.map((row) => request(store.put(row)))).then(() => undefined);
  }

  private wrote(trans: object): void {
    // Its abort reaches ended() (score-buckets-middleware.ts and writeTransaction listen to every transaction's).
    this.writers.add(trans);
  }

  /**
   * Whether another writer's transaction has not reported its end yet (see OpenWriters): the copy may then hold
   * changes that were rolled back. A write that builds on the copy before any request of its own
   * (score-buckets-middleware.ts, adds) must not trust it then.
   */
  hasOtherOpenWriter(trans: object): boolean {
    return this.writers.otherOpen(trans);
  }

  /** Called when a transaction ends: an aborted writer leaves the in-memory copy ahead of the database. */
  ended(trans: object, aborted: boolean): void {
    if (aborted && this.writers.has(trans)) {
      this.stats.aborted++;
      this.invalidate();
    }
  }

  isWriter(trans: object): boolean {
    return this.writers.has(trans);
  }
}

function idbStore(trans: DBCoreTransaction): IDBObjectStore {
  return storeOf(trans, SCORE_BUCKETS_TABLE);
}

/**
 * Runs `work` in a read-write IndexedDB transaction of its own with relaxed durability (derived data: a power cut
 * may lose the last writes, never corrupt them), outside Dexie; resolves when it commits. An abort drops the
 * in-memory copy like any other aborted writer.
 */
export function writeTransaction(db: Dexie, stores: string[], work: (trans: DBCoreTransaction) => Promise<void>): Promise<void> {
  const state = scoreBuckets(db);
  return new Promise<void>((resolve, reject) => {
    const trans = db.backendDB().transaction(stores, 'readwrite', { durability: 'relaxed' });
    trans.addEventListener('abort', () => {
      state.ended(trans, true);
      reject(trans.error ?? new Error('score buckets: write aborted'));
    });
    trans.addEventListener('complete', () => resolve());
    work(trans as unknown as DBCoreTransaction).catch((error: unknown) => {
      try {
        trans.abort();
      } catch {
        // already finished
      }
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

const states = new WeakMap<Dexie, ScoreBuckets>();

export function scoreBuckets(db: Dexie): ScoreBuckets {
  const s = states.get(db);
  if (!s) throw new Error('score buckets not installed on this database');
  return s;
}

/**
 * The DBCore transaction of the current Dexie transaction (Dexie 4 passes the IDBTransaction down as the DBCore
 * transaction). Throws outside a transaction: bucket writes must share the caller's transaction.
 */
export function currentCoreTransaction(): DBCoreTransaction {
  const tx = Dexie.currentTransaction;
  if (!tx?.idbtrans) throw new Error('score buckets: not inside a transaction');
  return tx.idbtrans as unknown as DBCoreTransaction;
}

/** Creates the state of one database (the middleware, score-buckets-middleware.ts, keeps it). */
export function createScoreBuckets(db: Dexie): ScoreBuckets {
  const state = new ScoreBuckets();
  states.set(db, state);
  return state;
}
