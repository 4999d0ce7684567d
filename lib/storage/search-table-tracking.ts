// Keeps the stored search table (search-table-store.ts) honest: every read-write transaction over contacts also
// covers the table's store; a contact put or delete marks its id dirty there, in the same transaction, and a bulk
// write or a range delete drops the stored table (rebuilding beats re-reading thousands of contacts).
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Dexie, Middleware } from 'dexie';
import { dropStoredTable, markDirty, SEARCH_TABLE } from './search-table-store';

/** More contacts than this in one write: the stored table is dropped instead of marking each. */
const MAX_MARKED_PER_WRITE = 200;

export function installSearchTableTracking(db: Dexie): void {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ficha-search-table',
    create(down) {
      if (!down.schema.tables.some((t) => t.name === SEARCH_TABLE)) return down;
      let tracked: DBCoreTable | null = null;
      return {
        ...down,
        transaction(stores, mode, options) {
          const covers = mode === 'readwrite' && stores.includes('contacts') && !stores.includes(SEARCH_TABLE);
          return down.transaction(covers ? [...stores, SEARCH_TABLE] : stores, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'contacts') return table;
          return (tracked ??= trackedContacts(table));
        },
      };
    },
  };
  db.use(middleware);
}

function trackedContacts(contacts: DBCoreTable): DBCoreTable {
  const { extractKey } = contacts.schema.primaryKey;
  return {
    ...contacts,
    async mutate(req: DBCoreMutateRequest) {
      // Issued with the write, not after it: a layer below that fails after the row was written (and a caller that
      // catches and commits) still leaves the mark. A mark for a write that did not happen is harmless.
      const keys = req.type === 'deleteRange' ? null : req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => extractKey?.(v)));
      const ids = keys?.every((k) => typeof k === 'string') ? (keys as string[]) : null;
      const marking = !ids || ids.length > MAX_MARKED_PER_WRITE ? dropStoredTable(req.trans) : ids.length ? markDirty(req.trans, new Set(ids)) : null;
      const res = await contacts.mutate(req);
      await marking;
      return res;
    },
  };
}
