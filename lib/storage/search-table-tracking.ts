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
      const res = await contacts.mutate(req);
      const keys = req.type === 'deleteRange' ? null : req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v) => extractKey?.(v)));
      const ids = keys?.every((k) => typeof k === 'string') ? (keys as string[]) : null;
      if (!ids || ids.length > MAX_MARKED_PER_WRITE) await dropStoredTable(req.trans);
      else if (ids.length) await markDirty(req.trans, new Set(ids));
      return res;
    },
  };
}
