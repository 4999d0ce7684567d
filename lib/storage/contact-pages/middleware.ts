// The contacts table, stored in pages (pages.ts) instead of one IndexedDB row per contact. A DBCore middleware at
// the bottom of Dexie's stack answers every request on `contacts` (get, getMany, query, count, cursors, add, put,
// delete) from the pages and the in-memory indexes (directory.ts), in the caller's transaction, so every reader and
// every middleware above (scores, tallies, sync, search) sees an ordinary table. The real `contacts` store stays
// (Dexie's schema names its indexes) but is empty after the upgrade that moved its rows (migrate.ts).
import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreQuery, DBCoreQueryResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { arrayCursor, type RowSource } from './cursor';
import { ContactDirectory, type Entry, PRIMARY } from './directory';
import { compareKeys, isValidKey } from './keys';
import { CONTACT_KEYS, CONTACT_PAGES, deleteStoredPage, emptyPage, PAGE_SIZE, PAGE_STORES, type PageData, positionIn, putStoredPage, readStoredPages, type Row, rowIn } from './pages';
import { request, storeOf } from '../idb-request';

export const CONTACTS = 'contacts';
/** Positions a value cursor loads pages for at first; each further load doubles it. */
const FIRST_WINDOW = 64;

const directories = new WeakMap<Dexie, { current: ContactDirectory | null }>();

/** The in-memory indexes of `db`'s contact pages (tests drop the copy or its cache, as another worker's write would). */
export function contactDirectory(db: Dexie): ContactDirectory | null {
  return directories.get(db)?.current ?? null;
}

/** `warmIndexes`: indexes whose sorted view is built as soon as the database opens (the lookup's). */
export function installContactPages(db: Dexie, { warmIndexes = [] as string[] } = {}): void {
  const holder: { current: ContactDirectory | null } = { current: null };
  directories.set(db, holder);
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ficha-contact-pages',
    // Below Dexie's own middlewares and ours: everything above sees an ordinary table.
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === CONTACT_PAGES)) return down;
      const real = down.table(CONTACTS);
      const directory = new ContactDirectory(
        real.schema.indexes.map((ix) => ({ name: ix.name as string, multiEntry: !!ix.multiEntry, extractKey: ix.extractKey as (row: Row) => unknown })),
        warmIndexes,
      );
      holder.current = directory;
      const paged = pagedTable(real, directory);
      return {
        ...down,
        transaction(stores, mode, options) {
          const extra = stores.includes(CONTACTS) ? PAGE_STORES.filter((name) => !stores.includes(name)) : [];
          return down.transaction(extra.length ? [...stores, ...extra] : stores, mode, options);
        },
        table(name) {
          return name === CONTACTS ? paged : down.table(name);
        },
      };
    },
  };
  db.use(middleware);
  // Loaded as soon as the database opens (not waited for): a worker is usually started by the lookup it must answer.
  db.on('ready', () => {
    void db
      .transaction('r', CONTACTS, () => {
        const dir = holder.current;
        const trans = Dexie.currentTransaction?.idbtrans;
        if (!dir || !trans) return undefined;
        return dir.ready(trans).then(() => warmIndexes.forEach((name) => dir.loaded && dir.view(name)));
      })
      .catch(() => undefined);
  });
}

/** Upgrades run on the real store (their code predates the pages); the upgrade that moves the rows is the last. */
const upgrading = (trans: DBCoreTransaction) => (trans as unknown as IDBTransaction).mode === 'versionchange';

function pagedTable(real: DBCoreTable, dir: ContactDirectory): DBCoreTable {
  const writing = new WeakMap<object, Promise<unknown>>();
  const extractKey = real.schema.primaryKey.extractKey as (row: Row) => unknown;

  /** Pages for a reader: from the cache, the rest read in `trans` (and kept unless written meanwhile). */
  function pagesFor(trans: DBCoreTransaction, pages: Set<number>): Promise<Map<number, PageData>> {
    const result = new Map<number, PageData>();
    const missing: number[] = [];
    for (const p of pages) {
      const cached = dir.cache.get(p);
      if (cached) result.set(p, cached);
      else missing.push(p);
    }
    if (missing.length === 0) return Dexie.Promise.resolve(result);
    const marks = missing.map((p) => dir.cache.mark(p));
    return readStoredPages(trans, missing).then((found) => {
      missing.forEach((p, i) => {
        const data = found.get(p)!;
        result.set(p, data);
        dir.cache.fill(p, data, marks[i]!);
      });
      return result;
    });
  }

  /** The rows of `ids` (undefined where missing), each page read once, each row parsed afresh. */
  function rowsOf(trans: DBCoreTransaction, ids: readonly unknown[]): Promise<(Row | undefined)[]> {
    const located = ids.map((id) => (typeof id === 'string' ? dir.pageOf(id) : undefined));
    const pages = new Set(located.filter((p): p is number => p !== undefined));
    if (pages.size === 0) return Dexie.Promise.resolve(ids.map(() => undefined));
    return pagesFor(trans, pages).then((byPage) =>
      // A page read in a transaction that started before a writer moved a contact may not hold it: missing then.
      ids.map((id, i) => {
        const page = located[i] === undefined ? undefined : byPage.get(located[i]);
        return page ? rowIn(page, id as string) : undefined;
      }),
    );
  }

  /** The copy ready in `trans`, with the keys of the query's index read. */
  function withIndex(trans: DBCoreTransaction, query: DBCoreQuery, sync = false): Promise<void> {
    return dir.ready(trans, { sync }).then(() => dir.need(trans, query.index.isPrimaryKey ? PRIMARY : (query.index.name as string)));
  }

  /** The (key, primary key) pairs a query selects, in its order. */
  function select(query: DBCoreQuery, reverse: boolean, unique: boolean, limit?: number): { keys: unknown[]; pks: string[] } {
    const view = dir.view(query.index.isPrimaryKey ? PRIMARY : (query.index.name as string));
    let [start, end] = view.span(query.range);
    // Only the window a limit keeps is copied (a recent-first list of 7 from 100,000 entries copies 7).
    if (limit !== undefined && !unique) {
      if (reverse) start = Math.max(start, end - limit);
      else end = Math.min(end, start + limit);
    }
    let keys = view.keys.slice(start, end);
    let pks = view.pks.slice(start, end);
    if (reverse) {
      keys.reverse();
      pks.reverse();
    }
    if (unique) {
      const k: unknown[] = [];
      const p: string[] = [];
      for (let i = 0; i < keys.length; i++) {
        // IndexedDB's prevunique gives each key's first record in primary-key order, as nextunique does.
        const last = k.length - 1;
        if (last >= 0 && compareKeys(k[last], keys[i]) === 0) {
          if (reverse) p[last] = pks[i]!;
          continue;
        }
        k.push(keys[i]);
        p.push(pks[i]!);
      }
      keys = k;
      pks = p;
    }
    if (limit !== undefined && limit < pks.length) {
      keys.length = limit;
      pks.length = limit;
    }
    return { keys, pks };
  }

  /** The rows of a value cursor's positions: pages loaded in windows that double as the walk goes on. */
  function rowSource(trans: DBCoreTransaction, pks: string[]): RowSource {
    const located = pks.map((id) => dir.pageOf(id) ?? -1);
    const loaded = new Map<number, PageData>();
    let window = FIRST_WINDOW;
    return {
      ready: (i) => located[i]! < 0 || loaded.has(located[i]!),
      load(i) {
        const wanted = new Set<number>();
        for (let j = i; j < Math.min(pks.length, i + window); j++) if (located[j]! >= 0 && !loaded.has(located[j]!)) wanted.add(located[j]!);
        window *= 2;
        return pagesFor(trans, wanted).then((found) => {
          for (const [p, data] of found) loaded.set(p, data);
        });
      },
      has: (i) => located[i]! >= 0 && positionIn(loaded.get(located[i]!)!, pks[i]!) >= 0,
      value: (i) => rowIn(loaded.get(located[i]!)!, pks[i]!),
    };
  }

  return {
    ...real,
    get(req) {
      if (upgrading(req.trans)) return real.get(req);
      return dir.ready(req.trans).then(() => rowsOf(req.trans, [req.key]).then(([row]) => row));
    },
    getMany(req) {
      if (upgrading(req.trans)) return real.getMany(req);
      return dir.ready(req.trans).then(() => rowsOf(req.trans, req.keys));
    },
    count(req) {
      if (upgrading(req.trans)) return real.count(req);
      return withIndex(req.trans, req.query).then(() => (req.query.range.type === 3 && req.query.index.isPrimaryKey ? dir.size : select(req.query, false, false).pks.length));
    },
    query(req) {
      if (upgrading(req.trans)) return real.query(req);
      const run = (sync: boolean): Promise<DBCoreQueryResponse> =>
        withIndex(req.trans, req.query, sync).then(() => {
          const limit = req.limit === undefined || req.limit === Infinity ? undefined : req.limit;
          const { keys, pks } = select(req.query, req.direction === 'prev', false, limit);
          if (!req.values) return { result: req.query.index.isPrimaryKey ? keys : pks };
          const seen = dir.changes;
          return rowsOf(req.trans, pks).then((rows) => {
            // A writer changed the copy while the pages were read: the rows may no longer have the keys they were
            // picked by. Asked again, after this transaction's own request (so on a settled copy).
            if (dir.changes !== seen && !req.query.index.isPrimaryKey && !sync) return run(true);
            return { result: rows.filter((r) => r !== undefined) };
          });
        });
      return run(false);
    },
    openCursor(req) {
      if (upgrading(req.trans)) return real.openCursor(req);
      // A walk reads pages as it goes: on a settled copy (after this transaction's own request).
      return withIndex(req.trans, req.query, true).then(() => {
        const { keys, pks } = select(req.query, !!req.reverse, !!req.unique);
        if (pks.length === 0) return null;
        if (req.values === false) return arrayCursor(req.trans, keys, pks, null, !!req.reverse);
        return arrayCursor(req.trans, keys, pks, rowSource(req.trans, pks), !!req.reverse);
      });
    },
    mutate(req) {
      if (upgrading(req.trans)) return real.mutate(req);
      // Writes of one transaction run one after another (callers may start several at once): each plans on the last.
      const trans = req.trans as unknown as object;
      const before = writing.get(trans) ?? Dexie.Promise.resolve();
      const run = () => mutatePaged(req, dir, extractKey, select);
      const result = before.then(run, run);
      writing.set(
        trans,
        result.then(
          () => undefined,
          () => undefined,
        ),
      );
      return result;
    },
  };
}

type Select = (query: DBCoreQuery, reverse: boolean, unique: boolean) => { keys: unknown[]; pks: string[] };

function constraintError(id: string): Error {
  const error = new Error(`Key already exists in the object store: ${id}`);
  error.name = 'ConstraintError';
  return error;
}

/**
 * One write: the pages of the contacts it touches (and the page new contacts go to) are read, changed and written
 * back with their keys rows, and the directory follows. The writes of one transaction are chained (mutate above), so
 * a page is never read twice at once by the same writer.
 */
function mutatePaged(req: DBCoreMutateRequest, dir: ContactDirectory, extractKey: (row: Row) => unknown, select: Select): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  return dir
    .ready(trans)
    .then(() => {
      if (req.type === 'deleteRange') {
        if (req.range.type === 3) return clearAll(req, dir);
        const { pks } = select({ index: { isPrimaryKey: true } as DBCoreQuery['index'], range: req.range }, false, false);
        return writeOps(
          trans,
          dir,
          pks.map((id) => ({ type: 'delete' as const, id })),
        ).then(() => ({ numFailures: 0, failures: [], results: [], lastResult: undefined }));
      }
      if (req.type === 'delete') {
        return writeOps(
          trans,
          dir,
          req.keys.map((id) => ({ type: 'delete' as const, id: id as string })),
        ).then(() => ({ numFailures: 0, failures: [], results: req.keys, lastResult: undefined }));
      }
      const ids = req.values.map((v) => extractKey(v as Row));
      const bad = ids.findIndex((id) => !isValidKey(id) || typeof id !== 'string');
      if (bad >= 0) {
        const error = new Error(`contacts: row ${bad} has no valid id`);
        error.name = 'DataError';
        throw error;
      }
      const type = req.type;
      return writeOps(
        trans,
        dir,
        req.values.map((row, i) => ({ type, id: ids[i] as string, row: row as Row })),
      ).then((failures) => {
        const numFailures = failures.filter(Boolean).length;
        // As IndexedDB answers: no key where the row was not written.
        const results = ids.map((id, i) => (failures[i] ? undefined : id));
        return { numFailures, failures, results, lastResult: results[results.length - 1] };
      });
    });
}

type Op = { type: 'delete'; id: string } | { type: 'add' | 'put'; id: string; row: Row };

/**
 * Applies the ops in order to the pages; returns the failures (an add of a taken key), by op position. The pages
 * are read from the store, never the cache: that read waits for any earlier writer to finish, and a writer that
 * changed the copy meanwhile makes this one plan again on what it wrote.
 */
function writeOps(trans: DBCoreTransaction, dir: ContactDirectory, ops: Op[], attempt = 0): Promise<Error[]> {
  if (!dir.loaded) return dir.ready(trans).then(() => writeOps(trans, dir, ops, attempt));
  const seen = dir.changes;
  const pagesToRead = new Set<number>();
  for (const op of ops) {
    const page = dir.pageOf(op.id);
    if (page !== undefined) pagesToRead.add(page);
  }
  const open = dir.lastPage;
  if (open >= 0 && dir.pageSize(open) < PAGE_SIZE && ops.some((op) => op.type !== 'delete' && dir.pageOf(op.id) === undefined)) pagesToRead.add(open);
  if (pagesToRead.size === 0 && ops.every((op) => op.type === 'delete')) return Dexie.Promise.resolve([]);
  // Always at least one request before the copy is changed: it answers only once every earlier writer is done.
  const reading = pagesToRead.size ? readStoredPages(trans, pagesToRead) : request<number>(storeOf(trans, CONTACT_KEYS).count()).then(() => new Map<number, PageData>());
  return reading.then((stored): Error[] | Promise<Error[]> => {
    if (dir.changes !== seen || !dir.loaded) {
      if (attempt >= 3) throw new Error('contact pages: the indexes kept changing during a write');
      return dir.ready(trans).then(() => writeOps(trans, dir, ops, attempt + 1));
    }
    // Copies: the arrays read may be the ones a reader holds.
    const pages = new Map<number, PageData>();
    for (const [p, data] of stored) pages.set(p, { ids: data.ids.slice(), rows: data.rows.slice() });
    const failures: Error[] = [];
    const where = new Map<string, number>();
    for (const [page, data] of pages) for (const id of data.ids) where.set(id, page);
    const changed = new Map<string, Entry | null>();
    const touched = new Set<number>();
    let last = open;
    // New contacts fill the last page if it was read (not full), then the pages after it.
    const placeNew = (): number => {
      const data = last >= 0 ? pages.get(last) : undefined;
      if (data && data.ids.length < PAGE_SIZE) return last;
      pages.set(++last, emptyPage());
      return last;
    };
    ops.forEach((op, i) => {
      const page = where.get(op.id);
      if (op.type === 'delete') {
        if (page === undefined) return;
        const data = pages.get(page)!;
        const at = data.ids.indexOf(op.id);
        data.ids.splice(at, 1);
        data.rows.splice(at, 1);
        where.delete(op.id);
        changed.set(op.id, null);
        touched.add(page);
        return;
      }
      if (page !== undefined && op.type === 'add') {
        failures[i] = constraintError(op.id);
        return;
      }
      const target = page ?? placeNew();
      const data = pages.get(target)!;
      const at = page === undefined ? data.ids.push(op.id) - 1 : data.ids.indexOf(op.id);
      data.rows[at] = JSON.stringify(op.row);
      where.set(op.id, target);
      changed.set(op.id, { page: target, keys: dir.keysOf(op.row) });
      touched.add(target);
    });
    if (touched.size === 0) return failures;
    dir.wrote(trans as unknown as object);
    dir.apply(changed);
    const writes: Promise<unknown>[] = [];
    for (const page of touched) {
      const data = pages.get(page)!;
      dir.cache.wrote(page, data);
      if (data.ids.length === 0) {
        dir.dropPage(page);
        writes.push(...deleteStoredPage(trans, page));
      } else {
        writes.push(...putStoredPage(trans, page, data, dir.keysRows(page, data)));
      }
    }
    return Dexie.Promise.all(writes).then(() => failures);
  });
}

function clearAll(req: DBCoreMutateRequest, dir: ContactDirectory): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  // The copy changes once the clear's own requests answer (every earlier writer is done by then).
  return Dexie.Promise.all(PAGE_STORES.map((name) => request(storeOf(trans, name).clear()))).then(() => {
    dir.wrote(trans as unknown as object);
    dir.clear();
    return { numFailures: 0, failures: [], results: [], lastResult: undefined };
  });
}
