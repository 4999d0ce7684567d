// The upgrade that moves contacts from one row each into pages (pages.ts): read in key order, written PAGE_SIZE to a
// page with their keys rows, and the old store emptied, all in the upgrade's transaction (all or nothing).
import type { Transaction } from 'dexie';
import { ContactDirectory, type Entry } from './directory';
import { CONTACT_KEYS, CONTACT_PAGES, PAGE_SIZE, request, type Row } from './pages';

export function moveContactsToPages(tx: Transaction): Promise<void> {
  const idb = tx.idbtrans as IDBTransaction;
  const source = idb.objectStore('contacts');
  // The same indexes, in the same order, as the middleware reads from Dexie's schema (the store's index names).
  const specs = [...source.indexNames].map((name) => {
    const index = source.index(name);
    const path = index.keyPath as string;
    return { name, multiEntry: index.multiEntry, extractKey: (row: Row) => row[path] };
  });
  const dir = new ContactDirectory(specs);
  dir.clear();
  const pages = idb.objectStore(CONTACT_PAGES);
  const keys = idb.objectStore(CONTACT_KEYS);
  return request<Row[]>(source.getAll()).then((rows) => {
    const writes: Promise<unknown>[] = [];
    for (let start = 0, page = 0; start < rows.length; start += PAGE_SIZE, page++) {
      const slice = rows.slice(start, start + PAGE_SIZE);
      dir.apply(new Map<string, Entry>(slice.map((row) => [row.id as string, { page, keys: dir.keysOf(row) }])));
      const ids = slice.map((row) => row.id as string);
      writes.push(request(pages.put({ page, ids, rows: slice.map((row) => JSON.stringify(row)) })), request(keys.put(dir.keysRow(page, ids))));
    }
    writes.push(request(source.clear()));
    return Promise.all(writes).then(() => undefined);
  });
}
