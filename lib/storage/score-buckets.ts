// Lead scores and the scoring inputs from activities, packed per bucket of contacts. IndexedDB costs per row, not per
// byte: a full rescore of 100,000 contacts cannot read 1,000,000 activity rows and re-put 100,000 contact rows (with
// their multi-entry indexes) in 10 s. So each contact's score (total, grade) and engagement digest (the type and time
// of each of its activities, all the engagement rules read) live in one of SCORE_BUCKET_COUNT rows, chosen by a hash
// of the contact id. A DBCore middleware keeps them right: it adds the `scoreBuckets` store to every transaction over
// contacts or activities and, in the same transaction as each activity put/delete or contact put/delete, rewrites the
// buckets touched. Contact reads get `leadScore`/`leadGrade` from the buckets (a decoded copy kept in memory), so every
// reader — lookup, search, card, export, suggestions, dashboard — sees the bucket's score; a contact put stores the
// score it carries into its bucket. The contact row's own leadScore/leadGrade are left as they were (v10) and ignored.
import Dexie from 'dexie';
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { ScoringActivity } from '@/lib/domain/scoring/input';
import { type FitSource, packFit } from './fit-facts';

export const SCORE_BUCKET_COUNT = 256;
export const SCORE_BUCKETS_TABLE = 'scoreBuckets';


/** FNV-1a of the id: spreads sequential ids ("bench-1", "bench-2") over the buckets. */
export function bucketOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SCORE_BUCKET_COUNT;
}

/** One contact's entry, decoded. `grade` '' = no contact row (only activities point at this id). */
export interface ScoreEntry {
  total: number;
  grade: string;
  /** The contact's fit inputs (fit-facts.ts), '' without a contact row. */
  fit: string;
  /** Activity types and times, parallel arrays, in no particular order. */
  types: string[];
  times: number[];
  /** Sequence number of the entry's last change (the full rescore re-checks entries changed after it scored them). */
  stamp: number;
}

/** A bucket as stored: columns, so structured clone handles a few arrays instead of thousands of small objects. */
export interface ScoreBucketRow {
  bucket: number;
  ids: string[];
  totals: Uint8Array;
  grades: string[];
  fits: string[];
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
  return { bucket, ids, totals, grades, fits, typeNames, digestEnds, digestTypes, digestTimes };
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
    entries.set(id, { total: row.totals[i]!, grade: row.grades[i]!, fit: row.fits[i] ?? '', types, times, stamp });
    start = end;
  });
  return entries;
}

/** The digest as scoring input (no activity ids: an explanation reads the activities themselves). */
export function digestActivities(entry: ScoreEntry | undefined): ScoringActivity[] {
  if (!entry) return [];
  return entry.types.map((type, i) => ({ id: '', type: type as ScoringActivity['type'], occurredAt: entry.times[i]! }));
}

interface ActivityLike {
  targetId: string;
  type: string;
  occurredAt: number;
}
interface ContactLike extends FitSource {
  id: string;
  leadScore?: number;
  leadGrade?: string;
}

/** Builds every bucket from scratch (the v11 upgrade; tests compare it with the maintained buckets). */
export function buildBuckets(contacts: Iterable<ContactLike>, activities: Iterable<ActivityLike>): Map<string, ScoreEntry>[] {
  const buckets = Array.from({ length: SCORE_BUCKET_COUNT }, () => new Map<string, ScoreEntry>());
  const entry = (id: string) => {
    const map = buckets[bucketOf(id)]!;
    let e = map.get(id);
    if (!e) map.set(id, (e = { total: 0, grade: '', fit: '', types: [], times: [], stamp: 0 }));
    return e;
  };
  for (const c of contacts) {
    const e = entry(c.id);
    e.total = c.leadScore ?? 0;
    e.grade = c.leadGrade ?? 'C3';
    e.fit = packFit(c);
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
    for (const c of chunk) scores.push({ id: c.id, leadScore: c.leadScore, leadGrade: c.leadGrade, title: c.title, emails: c.emails, tags: c.tags, createdAt: c.createdAt, firstName: c.firstName, lastName: c.lastName, company: c.company, companyDomain: c.companyDomain, owner: c.owner, phones: c.phones, profile: c.profile });
  });
  const digest: ActivityLike[] = [];
  await eachChunk(activities, 20_000, (chunk) => {
    for (const a of chunk) digest.push({ targetId: a.targetId, type: a.type, occurredAt: a.occurredAt });
  });
  const buckets = buildBuckets(scores, digest);
  await rows.clear();
  await rows.bulkPut(buckets.flatMap((entries, b) => (entries.size ? [encodeBucket(b, entries)] : [])));
}

/** Per-database state: the decoded buckets (null until loaded in some transaction) and the change sequence. */
export class ScoreBuckets {
  private buckets: Map<string, ScoreEntry>[] | null = null;
  private rows: (ScoreBucketRow | undefined)[] = [];
  private loadStamp = 0;
  private seq = 1;
  /** Transactions that changed the in-memory buckets: if one aborts, the copy is dropped and reloaded. */
  private readonly writers = new WeakSet<object>();

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
    return request<ScoreBucketRow[]>(store.getAll()).then((result) => {
      if (this.buckets) return;
      this.loadStamp = ++this.seq;
      this.stats.loads++;
      // Decoded per bucket on first use: a lookup right after start decodes one bucket, not all of them.
      this.rows = new Array<ScoreBucketRow | undefined>(SCORE_BUCKET_COUNT);
      for (const row of result) if (row.bucket >= 0 && row.bucket < SCORE_BUCKET_COUNT) this.rows[row.bucket] = row;
      this.buckets = new Array<Map<string, ScoreEntry> | undefined>(SCORE_BUCKET_COUNT) as Map<string, ScoreEntry>[];
    });
  }

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
    if (!e && create) map.set(id, (e = { total: 0, grade: '', fit: '', types: [], times: [], stamp: this.seq }));
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
      if (e.total === total && e.grade === grade && e.fit === fit) continue;
      e.total = total;
      e.grade = grade;
      e.fit = fit;
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
    this.writers.add(trans);
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
  return (trans as unknown as IDBTransaction).objectStore(SCORE_BUCKETS_TABLE);
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Dexie.Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('score buckets: request failed'));
  });
}

/** One request on `store` of a raw transaction, as a Dexie promise. */
export function storeRequest<T>(trans: DBCoreTransaction, store: string, make: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return request<T>(make((trans as unknown as IDBTransaction).objectStore(store)));
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

type Row = Record<string, unknown>;

export function installScoreBuckets(db: Dexie): ScoreBuckets {
  const state = new ScoreBuckets();
  states.set(db, state);
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ficha-score-buckets',
    create(down) {
      const enabled = down.schema.tables.some((t) => t.name === SCORE_BUCKETS_TABLE);
      if (!enabled) return down;
      // The rows may have changed under a copy loaded with an older schema (an upgrade rebuilt them).
      state.invalidate();
      const wrapped = new Map<string, DBCoreTable>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const covers = stores.includes('contacts') || (mode === 'readwrite' && stores.includes('activities'));
          const trans = down.transaction(covers && !stores.includes(SCORE_BUCKETS_TABLE) ? [...stores, SCORE_BUCKETS_TABLE] : stores, mode, options);
          if (mode === 'readwrite') {
            const idb = trans as unknown as IDBTransaction;
            if (typeof idb.addEventListener === 'function') {
              idb.addEventListener('abort', () => state.ended(idb, true));
            }
          }
          return trans;
        },
        table(name) {
          const table = down.table(name);
          if (name === 'companies') {
            return {
              ...table,
              mutate: (req) => {
                state.companiesVersion++;
                return table.mutate(req);
              },
            };
          }
          if (name !== 'contacts' && name !== 'activities') return table;
          const cached = wrapped.get(name);
          if (cached) return cached;
          const t = name === 'contacts' ? contactsTable(table, state) : activitiesTable(table, state);
          wrapped.set(name, t);
          return t;
        },
      };
    },
  };
  db.use(middleware);
  return state;
}

function contactsTable(table: DBCoreTable, state: ScoreBuckets): DBCoreTable {
  const overlayAll = (values: unknown[]) => {
    for (const v of values) state.overlay(v);
  };
  return {
    ...table,
    async get(req) {
      const [value] = await Dexie.Promise.all([table.get(req), state.load(req.trans)]);
      state.overlay(value);
      return value;
    },
    async getMany(req) {
      const [values] = await Dexie.Promise.all([table.getMany(req), state.load(req.trans)]);
      overlayAll(values);
      return values;
    },
    async query(req) {
      const [res] = await Dexie.Promise.all([table.query(req), req.values ? state.load(req.trans) : undefined]);
      if (req.values) overlayAll(res.result);
      return res;
    },
    async openCursor(req) {
      // Both requested at once (a read after an `await` here would leave Dexie's zone); the load answers first.
      const [cursor] = await Dexie.Promise.all([table.openCursor(req), req.values !== false ? state.load(req.trans) : undefined]);
      if (!cursor || req.values === false) return cursor;
      return overlayCursor(cursor, state);
    },
    async mutate(req: DBCoreMutateRequest) {
      const { trans } = req;
      const clearAll = req.type === 'deleteRange' && req.range.type === 3;
      // Reads issued together, before any `await` (Dexie's zone is only kept synchronously here).
      const [deleted] = await Dexie.Promise.all([
        req.type === 'deleteRange' && !clearAll ? table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result as string[]) : null,
        state.load(trans),
      ]);
      const res = await table.mutate(req);
      // Loaded again if an earlier writer's abort dropped the copy meanwhile; then applied and written at once.
      await state.load(trans);
      let dirty: Set<number>;
      if (clearAll) dirty = state.clearScores(trans);
      else if (req.type === 'delete') dirty = state.removeContacts(trans, (req.keys as string[]).filter((_, i) => !res.failures?.[i]));
      else if (req.type === 'deleteRange') dirty = state.removeContacts(trans, deleted ?? []);
      else {
        const values = req.values as ContactLike[];
        dirty = state.putContacts(trans, values.filter((_, i) => !res.failures?.[i]));
      }
      await state.write(trans, dirty);
      return res;
    },
  };
}

function activitiesTable(table: DBCoreTable, state: ScoreBuckets): DBCoreTable {
  const { extractKey } = table.schema.primaryKey;
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest) {
      const { trans } = req;
      const clearAll = req.type === 'deleteRange' && req.range.type === 3;
      // The rows a put replaces or a delete removes (their digest items go), read together with the buckets before
      // any `await` (Dexie's zone is only kept synchronously here). An add replaces nothing: no read.
      let keys: unknown[] = [];
      let reading: Promise<(Row | undefined)[]> = Dexie.Promise.resolve([]);
      if (req.type === 'deleteRange') {
        if (!clearAll) reading = table.query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } }).then((r) => r.result as Row[]);
      } else if (req.type === 'delete') {
        keys = req.keys;
        reading = table.getMany({ trans, keys });
      } else if (req.type === 'put') {
        keys = req.keys ?? req.values.map((v) => extractKey?.(v));
        const known = keys.filter((k) => k !== undefined && k !== null);
        if (known.length) {
          reading = table.getMany({ trans, keys: known }).then((found) => {
            const byKey = new Map<unknown, Row | undefined>(known.map((k, i) => [k, found[i] as Row | undefined]));
            return keys.map((k) => byKey.get(k));
          });
        }
      }
      const [before] = await Dexie.Promise.all([reading, state.load(trans)]);
      const res = await table.mutate(req);
      // Loaded again if an earlier writer's abort dropped the copy meanwhile; then applied and written at once.
      await state.load(trans);
      let dirty: Set<number>;
      if (clearAll) dirty = state.clearDigests(trans);
      else {
        const ok = (_: unknown, i: number) => !res.failures?.[i];
        const removed = (req.type === 'deleteRange' ? before : before.filter(ok)).filter((r): r is Row => !!r) as unknown as ActivityLike[];
        dirty = state.removeActivities(trans, removed);
        if (req.type === 'add' || req.type === 'put') state.addActivities(trans, (req.values as ActivityLike[]).filter(ok), dirty);
      }
      await state.write(trans, dirty);
      return res;
    },
  };
}

/**
 * The cursor with its value's score taken from the buckets (read once per row, kept). The IndexedDB cursor's own
 * getters and methods refuse another `this`: each is forwarded to the cursor itself (as Dexie's virtual-index
 * middleware does for the ones it changes).
 */
function overlayCursor(cursor: DBCoreCursor, state: ScoreBuckets): DBCoreCursor {
  let seen: unknown = undefined;
  const forward = (name: keyof DBCoreCursor) => ({ get: () => cursor[name] });
  const call = (name: 'continue' | 'continuePrimaryKey' | 'advance' | 'start' | 'stop' | 'next' | 'fail') => ({
    value: (...args: unknown[]) => (cursor[name] as (...a: unknown[]) => unknown).apply(cursor, args),
  });
  return Object.create(cursor, {
    trans: forward('trans'),
    key: forward('key'),
    primaryKey: forward('primaryKey'),
    done: forward('done'),
    continue: call('continue'),
    continuePrimaryKey: call('continuePrimaryKey'),
    advance: call('advance'),
    start: call('start'),
    stop: call('stop'),
    next: call('next'),
    fail: call('fail'),
    value: {
      get() {
        const value = cursor.value as unknown;
        if (value !== seen) {
          state.overlay(value);
          seen = value;
        }
        return value;
      },
    },
  }) as DBCoreCursor;
}
