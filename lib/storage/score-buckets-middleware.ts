// The DBCore middleware that keeps the score buckets (score-buckets.ts) in step with every write: it adds the bucket
// store to each transaction over contacts (or writing activities), lays the bucket's score over every contact read,
// and rewrites the touched bucket rows in the same transaction as each contact or activity put and delete.
import Dexie from 'dexie';
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import { type ActivityLike, type ContactLike, createScoreBuckets, currentCoreTransaction, SCORE_BUCKETS_TABLE, type ScoreBuckets } from './score-buckets';

type Row = Record<string, unknown>;

export function installScoreBuckets(db: Dexie): ScoreBuckets {
  const state = createScoreBuckets(db);
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
  // Warm the in-memory copy as soon as the database opens (not waited for): otherwise the first lookup after the
  // worker starts reads every bucket row itself.
  db.on('ready', () => {
    void db.transaction('r', 'contacts', () => state.load(currentCoreTransaction())).catch(() => undefined);
  });
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
    // Not an async function for adds: a caller awaiting a native promise here would leave Dexie's zone (see below).
    mutate: (req: DBCoreMutateRequest) => (req.type === 'add' && !state.hasOtherOpenWriter(req.trans) ? addPipelined(table, state, req) : mutateReading(req)),
  };

  /** Applied after its own request, by when an earlier writer's abort has been heard (the copy then reloads). */
  async function mutateReading(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
    const { trans } = req;
    const clearAll = req.type === 'deleteRange' && req.range.type === 3;
    // The rows a put replaces or a delete removes (their digest items go), read together with the buckets before
    // any `await` (Dexie's zone is only kept synchronously here).
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
  }
}

/**
 * An add replaces no row, so its digest items are known before it runs: the touched bucket rows are encoded and put
 * right behind it, in the same round trip, instead of after its answer (this is the path of every logged email). An
 * item that fails (its key is taken) is taken out of the buckets again and those rows written once more; a caller
 * that then aborts the transaction drops the in-memory copy as any aborted writer does. Only when no earlier writer's
 * end is still unheard (ScoreBuckets.hasOtherOpenWriter): the copy could still hold that writer's rolled-back changes.
 */
function addPipelined(table: DBCoreTable, state: ScoreBuckets, req: DBCoreMutateRequest & { type: 'add' }): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  const values = req.values as ActivityLike[];
  // Dexie promises throughout: the sync tracker above awaits this and then writes the outbox in Dexie's zone.
  return state
    .load(trans)
    .then(() => Dexie.Promise.all([table.mutate(req), state.write(trans, state.addActivities(trans, values))]))
    .then(([res]) => {
      const failed = values.filter((_, i) => res.failures?.[i]);
      return failed.length ? state.write(trans, state.removeActivities(trans, failed)).then(() => res) : res;
    });
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
