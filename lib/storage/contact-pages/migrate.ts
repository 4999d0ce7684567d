// The upgrade that moves contacts from one row each into pages (pages.ts): read in key order, written PAGE_SIZE to a
// page with their keys rows, and the old store emptied, all in the upgrade's transaction (all or nothing).
import Dexie, { type Transaction } from 'dexie';
import { ContactDirectory, type Entry } from './directory';
import { PAGE_SIZE, putStoredPage, type Row } from './pages';
import { request } from '../idb-request';

/** The upgrade for a database whose contacts pages keep `warmIndexes` with the ids (as installContactPages is given). */
export const moveContactsToPages =
  (warmIndexes: readonly string[] = []) =>
  (tx: Transaction): Promise<void> => {
  const idb = tx.idbtrans as IDBTransaction;
  const source = idb.objectStore('contacts');
  // The same indexes, in the same order, as the middleware reads from Dexie's schema (the store's index names).
  const specs = [...source.indexNames].map((name) => {
    const index = source.index(name);
    const path = index.keyPath as string;
    return { name, multiEntry: index.multiEntry, extractKey: (row: Row) => row[path] };
  });
  const dir = new ContactDirectory(specs, warmIndexes);
  dir.clear();
  return request<Row[]>(source.getAll()).then((rows) => {
    const writes: Promise<unknown>[] = [];
    for (let start = 0, page = 0; start < rows.length; start += PAGE_SIZE, page++) {
      const slice = rows.slice(start, start + PAGE_SIZE);
      dir.apply(new Map<string, Entry>(slice.map((row) => [row.id as string, { page, keys: dir.keysOf(row) }])));
      const data = { ids: slice.map((row) => row.id as string), rows: slice.map((row) => JSON.stringify(row)) };
      writes.push(...putStoredPage(idb, page, data, dir.keysRows(page, data)));
    }
    writes.push(request(source.clear()));
    return Dexie.Promise.all(writes).then(() => undefined);
  });
}
