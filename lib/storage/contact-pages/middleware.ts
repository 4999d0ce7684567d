// The contacts table, stored in pages (pages.ts) instead of one IndexedDB row per contact. A DBCore middleware at
// the bottom of Dexie's stack answers every request on `contacts` (get, getMany, query, count, cursors, add, put,
// delete) from the pages and the in-memory indexes (directory.ts), in the caller's transaction, so every reader and
// every middleware above (scores, tallies, sync, search) sees an ordinary table. The real `contacts` store stays
// (Dexie's schema names its indexes) but is empty after the upgrade that moved its rows (migrate.ts).
import Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreQuery, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { arrayCursor } from './cursor';
import { ContactDirectory, type Entry, PRIMARY } from './directory';
import { compareKeys, isValidKey } from './keys';
import { CONTACT_KEYS, CONTACT_PAGES, PAGE_SIZE, readPages, request, type Row, storeOf } from './pages';

export const CONTACTS = 'contacts';

const directories = new WeakMap<Dexie, { current: ContactDirectory | null }>();

/** The in-memory indexes of `db`'s contact pages (tests and the benchmark read its stats). */
export function contactDirectory(db: Dexie): ContactDirectory | null {
  return directories.get(db)?.current ?? null;
}

export function installContactPages(db: Dexie): void {
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
      );
      holder.current = directory;
      const paged = pagedTable(real, directory);
      return {
        ...down,
        transaction(stores, mode, options) {
          const covers = stores.includes(CONTACTS) && !stores.includes(CONTACT_PAGES);
          return down.transaction(covers ? [...stores, CONTACT_PAGES, CONTACT_KEYS] : stores, mode, options);
        },
        table(name) {
          return name === CONTACTS ? paged : down.table(name);
        },
      };
    },
  };
  db.use(middleware);
}

/** Upgrades run on the real store (their code predates the pages); the upgrade that moves the rows is the last. */
const upgrading = (trans: DBCoreTransaction) => (trans as unknown as IDBTransaction).mode === 'versionchange';

function pagedTable(real: DBCoreTable, dir: ContactDirectory): DBCoreTable {
  const extractKey = real.schema.primaryKey.extractKey as (row: Row) => unknown;

  /** The rows of `ids` (undefined where missing), reading each page once. */
  function rowsOf(trans: DBCoreTransaction, ids: readonly unknown[]): Promise<(Row | undefined)[]> {
    const pages = new Set<number>();
    for (const id of ids) {
      const e = typeof id === 'string' ? dir.entry(id) : undefined;
      if (e) pages.add(e.page);
    }
    if (pages.size === 0) return Dexie.Promise.resolve(ids.map(() => undefined));
    return readPages(trans, pages).then((byPage) => {
      const found = new Map<string, Row>();
      for (const rows of byPage.values()) for (const row of rows) found.set(row.id as string, row);
      // A page read in a transaction that started before a writer moved a contact may not hold it: missing then.
      return ids.map((id) => (typeof id === 'string' ? found.get(id) : undefined));
    });
  }

  /** The (key, primary key) pairs a query selects, in its order. */
  function select(query: DBCoreQuery, reverse: boolean, unique: boolean, limit?: number): { keys: unknown[]; pks: string[] } {
    const view = dir.view(query.index.isPrimaryKey ? PRIMARY : (query.index.name as string));
    const [start, end] = view.span(query.range);
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
      return dir.ready(req.trans).then(() => (req.query.range.type === 3 && req.query.index.isPrimaryKey ? dir.size : select(req.query, false, false).pks.length));
    },
    query(req) {
      if (upgrading(req.trans)) return real.query(req);
      return dir.ready(req.trans).then(() => {
        const limit = req.limit === undefined || req.limit === Infinity ? undefined : req.limit;
        const { keys, pks } = select(req.query, req.direction === 'prev', false, limit);
        if (!req.values) return { result: req.query.index.isPrimaryKey ? keys : pks };
        return rowsOf(req.trans, pks).then((rows) => ({ result: rows.filter((r) => r !== undefined) }));
      });
    },
    openCursor(req) {
      if (upgrading(req.trans)) return real.openCursor(req);
      return dir.ready(req.trans).then(() => {
        const { keys, pks } = select(req.query, !!req.reverse, !!req.unique);
        if (pks.length === 0) return null;
        if (req.values === false) return arrayCursor(req.trans, keys, pks, null, !!req.reverse);
        return rowsOf(req.trans, pks).then((rows) => {
          // Rows a concurrent writer moved out of this transaction's sight are left out, as IndexedDB would not see them.
          const kept = rows.map((r, i) => (r ? i : -1)).filter((i) => i >= 0);
          if (kept.length === 0) return null;
          return arrayCursor(
            req.trans,
            kept.map((i) => keys[i]),
            kept.map((i) => pks[i]!),
            kept.map((i) => rows[i]),
            !!req.reverse,
          );
        });
      });
    },
    mutate(req) {
      if (upgrading(req.trans)) return real.mutate(req);
      return mutatePaged(req, dir, extractKey, select);
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
 * back with their keys rows, and the directory follows. Requests of one transaction run one after another (Dexie
 * waits for each), so a page is never read twice at once by the same writer.
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
        return { numFailures, failures, results: ids, lastResult: ids[ids.length - 1] };
      });
    });
}

type Op = { type: 'delete'; id: string } | { type: 'add' | 'put'; id: string; row: Row };

/** Applies the ops in order to the pages; returns the failures (an add of a taken key), by op position. */
function writeOps(trans: DBCoreTransaction, dir: ContactDirectory, ops: Op[], attempt = 0): Promise<Error[]> {
  if (!dir.loaded) return dir.ready(trans).then(() => writeOps(trans, dir, ops, attempt));
  const version = dir.version;
  const pagesToRead = new Set<number>();
  for (const op of ops) {
    const e = dir.entry(op.id);
    if (e) pagesToRead.add(e.page);
  }
  const open = dir.lastPage;
  if (open >= 0 && dir.pageSize(open) < PAGE_SIZE && ops.some((op) => op.type !== 'delete' && !dir.entry(op.id))) pagesToRead.add(open);
  if (pagesToRead.size === 0 && ops.every((op) => op.type === 'delete')) return Dexie.Promise.resolve([]);
  return readPages(trans, pagesToRead).then((pages): Error[] | Promise<Error[]> => {
    // The copy was dropped while the pages were read (an earlier writer's abort): plan again on a fresh copy.
    if (dir.version !== version || !dir.loaded) {
      if (attempt >= 3) throw new Error('contact pages: the indexes kept changing during a write');
      return dir.ready(trans).then(() => writeOps(trans, dir, ops, attempt + 1));
    }
    const failures: Error[] = [];
    const where = new Map<string, number>();
    for (const [page, rows] of pages) for (const row of rows) where.set(row.id as string, page);
    const changed = new Map<string, Entry | null>();
    const touched = new Set<number>();
    let last = open;
    // New contacts fill the last page if it was read (not full), then the pages after it.
    const placeNew = (): number => {
      const rows = last >= 0 ? pages.get(last) : undefined;
      if (rows && rows.length < PAGE_SIZE) return last;
      pages.set(++last, []);
      return last;
    };
    ops.forEach((op, i) => {
      const page = where.get(op.id);
      if (op.type === 'delete') {
        if (page === undefined) return;
        const rows = pages.get(page)!;
        rows.splice(rows.findIndex((r) => r.id === op.id), 1);
        where.delete(op.id);
        changed.set(op.id, null);
        touched.add(page);
        return;
      }
      if (page !== undefined) {
        if (op.type === 'add') {
          failures[i] = constraintError(op.id);
          return;
        }
        const rows = pages.get(page)!;
        rows[rows.findIndex((r) => r.id === op.id)] = op.row;
        changed.set(op.id, { page, keys: dir.keysOf(op.row) });
        touched.add(page);
        return;
      }
      const target = placeNew();
      pages.get(target)!.push(op.row);
      where.set(op.id, target);
      changed.set(op.id, { page: target, keys: dir.keysOf(op.row) });
      touched.add(target);
    });
    if (touched.size === 0) return failures;
    dir.wrote(trans as unknown as object);
    dir.apply(changed);
    const pageStore = storeOf(trans, CONTACT_PAGES);
    const keyStore = storeOf(trans, CONTACT_KEYS);
    const writes: Promise<unknown>[] = [];
    try {
      for (const page of touched) {
        const rows = pages.get(page)!;
        if (rows.length === 0) {
          writes.push(request(pageStore.delete(page)), request(keyStore.delete(page)));
        } else {
          writes.push(request(pageStore.put({ page, rows })), request(keyStore.put(dir.keysRow(page, rows))));
        }
      }
    } catch (error) {
      // A row IndexedDB cannot store (DataCloneError): nothing of it was written, the copy is ahead; drop it.
      dir.invalidate();
      throw error;
    }
    return Dexie.Promise.all(writes).then(() => failures);
  });
}

function clearAll(req: DBCoreMutateRequest, dir: ContactDirectory): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  dir.wrote(trans as unknown as object);
  dir.clear();
  return Dexie.Promise.all([request(storeOf(trans, CONTACT_PAGES).clear()), request(storeOf(trans, CONTACT_KEYS).clear())]).then(() => ({
    numFailures: 0,
    failures: [],
    results: [],
    lastResult: undefined,
  }));
}
