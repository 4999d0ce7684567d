// The stored form of the contact pages: contacts packed PAGE_SIZE to an IndexedDB row (`contactPages`), and beside
// each page the keys its contacts give every index of the contacts table (`contactKeys`), so the indexes can be
// loaded without reading the contacts. IndexedDB costs per row written, not per byte: 100,000 contacts put one per
// row with five indexes took ~20 s; packed, ~1 s. Each contact is kept as its JSON text: a page is read as a few
// dozen strings (cheap to copy out of IndexedDB), only the contacts asked for are parsed, and a text can be kept in
// memory and handed out again as a fresh object (page-cache.ts). Contact rows are JSON data (their zod schema).
import Dexie from 'dexie';
import { request, storeOf } from '../idb-request';

export const CONTACT_PAGES = 'contactPages';
export const CONTACT_KEYS = 'contactKeys';
export const CONTACT_KEYS_COLD = 'contactKeysCold';
/** The stores a page is kept in (the contacts and its two keys rows). */
export const PAGE_STORES = [CONTACT_PAGES, CONTACT_KEYS, CONTACT_KEYS_COLD];
/** Contacts per page: a write rewrites its page, so small enough for one edit to stay cheap. */
export const PAGE_SIZE = 64;

export type Row = Record<string, unknown>;

/** A page as stored: its contacts' ids and, in the same order, their JSON text. */
export interface PageRow {
  page: number;
  ids: string[];
  rows: string[];
}

/** A page's contents (the stored row without its number). */
export type PageData = Pick<PageRow, 'ids' | 'rows'>;

/**
 * The index keys of a page's contacts, as JSON text (a few strings copy out of IndexedDB far faster than 100,000
 * small arrays): `ids` is the contacts' ids, `cols[i]` the keys each gives index `indexes[i]`, in the same order.
 * The ids and the indexes read as soon as the database opens (the lookup's) are in `contactKeys`; the other indexes'
 * columns in `contactKeysCold` (no `ids`: the same order as the page's row in `contactKeys`), read on first use.
 */
export interface KeysRow {
  page: number;
  indexes: string[];
  ids?: string;
  cols: string[];
}

export const emptyPage = (): PageData => ({ ids: [], rows: [] });

const positions = new WeakMap<PageData, Map<string, number>>();

/** Where `id` is in a page (-1: not there). Pages are never changed once read or written, so this is kept. */
export function positionIn(page: PageData, id: string): number {
  if (page.ids.length <= 8) return page.ids.indexOf(id);
  let map = positions.get(page);
  if (!map) {
    map = new Map(page.ids.map((pageId, i) => [pageId, i]));
    positions.set(page, map);
  }
  return map.get(id) ?? -1;
}

/** The contact `id` of a page, parsed (a fresh object each time), or undefined. */
export function rowIn(page: PageData, id: string): Row | undefined {
  const i = positionIn(page, id);
  return i < 0 ? undefined : (JSON.parse(page.rows[i]!) as Row);
}

/** The pages as stored, read at once; a page missing from the store reads as empty. */
export function readStoredPages(trans: unknown, pages: Iterable<number>): Promise<Map<number, PageData>> {
  const store = storeOf(trans, CONTACT_PAGES);
  const list = [...pages];
  return Dexie.Promise.all(list.map((p) => request<PageRow | undefined>(store.get(p)))).then((found) => {
    const byPage = new Map<number, PageData>();
    list.forEach((p, i) => {
      const row = found[i];
      byPage.set(p, row ? { ids: row.ids, rows: row.rows } : emptyPage());
    });
    return byPage;
  });
}

/** Writes a page and its keys rows in `trans` (the raw transaction of a write or of the upgrade). */
export function putStoredPage(trans: unknown, page: number, data: PageData, keys: { hot: KeysRow; cold: KeysRow }): Promise<unknown>[] {
  return [
    request(storeOf(trans, CONTACT_PAGES).put({ page, ids: data.ids, rows: data.rows })),
    request(storeOf(trans, CONTACT_KEYS).put(keys.hot)),
    request(storeOf(trans, CONTACT_KEYS_COLD).put(keys.cold)),
  ];
}

/** Deletes an emptied page and its keys rows in `trans`. */
export function deleteStoredPage(trans: unknown, page: number): Promise<unknown>[] {
  return PAGE_STORES.map((name) => request(storeOf(trans, name).delete(page)));
}
