// Counters the dashboard reads instead of counting rows when it opens: contacts in total, per lifecycle stage, per
// owner and per tag, and activities per type and UTC day (with the CTA inserts per template). At 100,000 contacts and
// 1,000,000 activities, counting those through IndexedDB ranges took seconds (Chromium walks every entry of a range to
// count it); a few thousand tally rows read in milliseconds. The middleware (tallies-middleware.ts) keeps them in the
// same transaction as every contact or activity write, so they can never disagree with the rows.
import Dexie, { type DBCoreTransaction, type Table } from 'dexie';
import { DAY_MS } from '@/lib/domain/transactions';
import { eachChunkById } from './chunked-read';
import { storeRequest } from './idb-request';

export const TALLIES_TABLE = 'tallies';

export interface TallyRow {
  key: string;
  count: number;
  /** Only on CTA-insert day rows: inserts per template id that day. */
  templates?: Record<string, number>;
}

export const TOTAL_KEY = 'contacts';
export const stageKey = (stage: string) => `stage|${stage}`;
export const ownerKey = (owner: string) => `owner|${owner}`;
export const tagKey = (tag: string) => `tag|${tag}`;
/** Fixed-width day number, so a type's days sort (and range) as strings in time order. */
export const dayKey = (type: string, day: number) => `act|${type}|${String(day).padStart(7, '0')}`;
export const dayOf = (at: number) => Math.floor(at / DAY_MS);

/** Prefixes of the contact-derived and activity-derived rows (a cleared table clears its own). */
export const CONTACT_PREFIXES = [TOTAL_KEY, 'stage|', 'owner|', 'tag|'];
export const ACTIVITY_PREFIX = 'act|';

export interface ContactFacts {
  lifecycleStage?: unknown;
  owner?: unknown;
  tags?: unknown;
}
export interface ActivityFacts {
  type?: unknown;
  occurredAt?: unknown;
  data?: unknown;
}

/** Count changes by key; a CTA insert also moves its template's count on the same row. */
export class TallyDelta {
  readonly counts = new Map<string, number>();
  readonly templates = new Map<string, Map<string, number>>();

  add(key: string, by: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }

  contact(c: ContactFacts, sign: 1 | -1): void {
    this.add(TOTAL_KEY, sign);
    if (typeof c.lifecycleStage === 'string' && c.lifecycleStage) this.add(stageKey(c.lifecycleStage), sign);
    if (typeof c.owner === 'string' && c.owner) this.add(ownerKey(c.owner), sign);
    if (Array.isArray(c.tags)) for (const tag of new Set(c.tags)) if (typeof tag === 'string' && tag) this.add(tagKey(tag), sign);
  }

  activity(a: ActivityFacts, sign: 1 | -1): void {
    if (typeof a.type !== 'string' || typeof a.occurredAt !== 'number' || !Number.isFinite(a.occurredAt)) return;
    const key = dayKey(a.type, dayOf(a.occurredAt));
    this.add(key, sign);
    const templateId = a.type === 'cta.inserted' ? (a.data as { templateId?: unknown } | undefined)?.templateId : undefined;
    if (typeof templateId === 'string' && templateId) {
      const perTemplate = this.templates.get(key) ?? new Map<string, number>();
      perTemplate.set(templateId, (perTemplate.get(templateId) ?? 0) + sign);
      this.templates.set(key, perTemplate);
    }
  }

  get empty(): boolean {
    for (const by of this.counts.values()) if (by !== 0) return false;
    for (const perTemplate of this.templates.values()) for (const by of perTemplate.values()) if (by !== 0) return false;
    return true;
  }
}

/** The row after a change: counts that reach zero leave no row (undefined = delete). */
export function applyDelta(row: TallyRow | undefined, key: string, by: number, templates?: Map<string, number>): TallyRow | undefined {
  const next: TallyRow = { key, count: (row?.count ?? 0) + by };
  if (row?.templates || templates) {
    const merged: Record<string, number> = { ...row?.templates };
    for (const [id, n] of templates ?? []) {
      const count = (merged[id] ?? 0) + n;
      if (count > 0) merged[id] = count;
      else delete merged[id];
    }
    if (Object.keys(merged).length) next.templates = merged;
  }
  return next.count > 0 ? next : undefined;
}

/**
 * Applies `delta` to the stored rows in `trans`: read, add, write. Changes within one transaction are chained, so two
 * writes issued together cannot both read the old count; separate transactions are serialised by IndexedDB.
 */
const pending = new WeakMap<object, Promise<void>>();

export function writeDelta(trans: DBCoreTransaction, delta: TallyDelta): Promise<void> {
  if (delta.empty) return Dexie.Promise.resolve();
  const previous = pending.get(trans) ?? Dexie.Promise.resolve();
  return chain(trans, previous.then(() => readAndApply(trans, delta)));
}

/**
 * For an add, whose counts are known before it runs (`guess`, as if every row were added): when no other change of
 * this transaction is being applied, the tally rows are read while the add runs, one round trip less on every logged
 * email; the counts of the rows actually added (`final`) are applied to them.
 */
export function writeDeltaOfAdd(trans: DBCoreTransaction, guess: TallyDelta, final: PromiseLike<TallyDelta>): Promise<void> {
  if (guess.empty || pending.has(trans)) return Dexie.Promise.resolve(final).then((delta) => writeDelta(trans, delta));
  const keys = changedKeys(guess);
  const reading = Dexie.Promise.all(keys.map((key) => storeRequest<TallyRow | undefined>(trans, TALLIES_TABLE, (s) => s.get(key))));
  const next = Dexie.Promise.all([reading, Dexie.Promise.resolve(final)]).then(([rows, delta]) => {
    const read = new Map(keys.map((key, i) => [key, rows[i]]));
    const todo = changedKeys(delta);
    if (todo.some((key) => !read.has(key))) return readAndApply(trans, delta); // not a subset: read them all again
    return putRows(trans, delta, todo, (key) => read.get(key));
  });
  return chain(trans, next);
}

/** Keys a change touches (a zero count still moves templates). */
const changedKeys = (delta: TallyDelta) => [...delta.counts.keys()].filter((k) => delta.counts.get(k) !== 0 || delta.templates.has(k));

function readAndApply(trans: DBCoreTransaction, delta: TallyDelta): Promise<unknown> {
  const keys = changedKeys(delta);
  return Dexie.Promise.all(keys.map((key) => storeRequest<TallyRow | undefined>(trans, TALLIES_TABLE, (s) => s.get(key)))).then((rows) =>
    putRows(trans, delta, keys, (_, i) => rows[i]),
  );
}

function putRows(trans: DBCoreTransaction, delta: TallyDelta, keys: string[], rowOf: (key: string, i: number) => TallyRow | undefined): Promise<unknown> {
  return Dexie.Promise.all(
    keys.map((key, i) => {
      const row = applyDelta(rowOf(key, i), key, delta.counts.get(key) ?? 0, delta.templates.get(key));
      return storeRequest(trans, TALLIES_TABLE, (s) => (row ? s.put(row) : s.delete(key)));
    }),
  );
}

/** Makes `next` the change later ones in this transaction wait for. */
function chain(trans: DBCoreTransaction, next: Promise<unknown>): Promise<void> {
  pending.set(
    trans,
    next.then(
      () => undefined,
      () => undefined,
    ),
  );
  return next.then(() => undefined);
}

/** Deletes every row under the given prefixes (the table they count was cleared). */
export function clearPrefixes(trans: DBCoreTransaction, prefixes: string[]): Promise<void> {
  const previous = pending.get(trans) ?? Dexie.Promise.resolve();
  return chain(
    trans,
    previous.then(() =>
      Dexie.Promise.all(
        prefixes.map((p) => storeRequest(trans, TALLIES_TABLE, (s) => (p.endsWith('|') ? s.delete(IDBKeyRange.bound(p, `${p}\uffff`)) : s.delete(p)))),
      ),
    ),
  );
}

const READ_CHUNK = 10_000;

/** Builds every tally from the stored rows (schema upgrade): contacts and activities read in chunks by primary key. */
export async function rebuildTallies(contacts: Table<ContactFacts & { id: string }>, activities: Table<ActivityFacts & { id: string }>, tallies: Table): Promise<void> {
  const delta = new TallyDelta();
  await eachChunkById(contacts, READ_CHUNK, (rows) => rows.forEach((row) => delta.contact(row, 1)));
  await eachChunkById(activities, READ_CHUNK, (rows) => rows.forEach((row) => delta.activity(row, 1)));
  await tallies.clear();
  const rows = [...delta.counts].flatMap(([key, by]) => applyDelta(undefined, key, by, delta.templates.get(key)) ?? []);
  await tallies.bulkPut(rows);
}
