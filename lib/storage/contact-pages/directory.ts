// The contact pages' indexes, in memory: which page holds each contact and the keys it gives each index, loaded once
// from the `contactKeys` rows (not the contacts) and kept in step by every write. Sorted views of an index are built
// on its first range query and updated in place after that. An aborted writer leaves the copy ahead of the database:
// it is dropped then, and loaded again by the next transaction.
import Dexie from 'dexie';
import { PageCache } from './page-cache';
import { CONTACT_KEYS, CONTACT_KEYS_COLD, type KeysRow, type PageData, readStoredPages, type Row } from './pages';
import { request, storeOf } from '../idb-request';
import { OpenWriters } from '../open-writers';
import { indexKeys } from './keys';
import { type Pair, SortedView } from './sorted-view';

export interface IndexSpec {
  name: string;
  multiEntry: boolean;
  extractKey: (row: Row) => unknown;
}

export interface Entry {
  page: number;
  /** Keys per index, in `indexes` order. */
  keys: unknown[][];
}

/** The primary key's view. */
export const PRIMARY = ':id';

/**
 * A page's index keys as loaded: each index's column (keys per contact) parsed from its JSON on first use; a cold
 * index's column is undefined until the cold rows are read.
 */
interface PageKeys {
  ids: string[];
  cols: (string | unknown[][] | undefined)[];
}

export class ContactDirectory {
  /** Contact id → page. */
  private entries: Map<string, number> | null = null;
  private pageKeys = new Map<number, PageKeys>();
  private sizes = new Map<number, number>();
  private views = new Map<string, SortedView>();
  /** New keys of the contacts changed by the write being applied, until their pages' keys rows are made. */
  private fresh = new Map<string, unknown[][]>();
  private generation = 0;
  /** Pages as last read or written (dropped with the copy). */
  readonly cache = new PageCache();
  /** Bumped by every change to the copy: a writer that planned before a change plans again. */
  changes = 0;

  /** Which indexes are in the rows read at open (`contactKeys`); the others are read on first use. */
  private readonly hot: boolean[];
  private coldLoaded = false;

  constructor(
    readonly indexes: IndexSpec[],
    hotIndexes: readonly string[] = [],
  ) {
    this.hot = indexes.map((ix) => hotIndexes.includes(ix.name));
  }

  private names(hot: boolean): string[] {
    return this.indexes.filter((_, i) => this.hot[i] === hot).map((ix) => ix.name);
  }

  get loaded(): boolean {
    return this.entries !== null;
  }

  /** The highest page in use (-1: none). New contacts fill it, then the pages after it. */
  lastPage = -1;

  invalidate(): void {
    this.entries = null;
    this.pageKeys = new Map();
    this.sizes = new Map();
    this.views = new Map();
    this.lastPage = -1;
    this.coldLoaded = false;
    this.generation++;
    this.changes++;
    this.cache.clear();
  }

  /**
   * Loads the keys rows in `trans` unless already in memory. Only the ids are parsed now (id → page); an index's
   * keys are parsed when a query first needs that index.
   */
  load(trans: object): Promise<void> {
    if (this.entries) return Dexie.Promise.resolve();
    const generation = this.generation;
    return request<KeysRow[]>(storeOf(trans, CONTACT_KEYS).getAll()).then((rows) => {
      if (this.entries || generation !== this.generation) return undefined;
      const names = this.names(true).join('\n');
      const stale = rows.filter((r) => r.indexes.join('\n') !== names || typeof r.ids !== 'string');
      // Rows written under another set of indexes (a schema change): their keys are computed again from the pages.
      if (stale.length) return readStoredPages(trans, stale.map((r) => r.page)).then((pages) => this.fill(rows, pages));
      this.fill(rows, new Map());
      return undefined;
    });
  }

  /** Makes index `name`'s keys available: a cold index's rows are read (in `trans`) on first use. */
  need(trans: object, name: string): Promise<void> {
    if (name === PRIMARY || this.coldLoaded || this.hot[this.indexOf(name)]) return Dexie.Promise.resolve();
    const generation = this.generation;
    const changes = this.changes;
    return request<KeysRow[]>(storeOf(trans, CONTACT_KEYS_COLD).getAll()).then((rows): Promise<void> | undefined => {
      if (this.coldLoaded || generation !== this.generation || !this.entries) return undefined;
      // A writer changed pages while the rows were read (they may be older than its keys): read them again.
      if (changes !== this.changes) return this.need(trans, name);
      const cold = this.indexes.map((_, i) => i).filter((i) => !this.hot[i]);
      const names = this.names(false).join('\n');
      const seen = new Set<number>();
      for (const row of rows) {
        const keys = this.pageKeys.get(row.page);
        if (!keys || row.indexes.join('\n') !== names || row.cols.length !== cold.length) continue;
        cold.forEach((i, c) => (keys.cols[i] = row.cols[c]));
        seen.add(row.page);
      }
      // Pages without a current cold row (written under another set of indexes): computed from the pages.
      const missing = [...this.pageKeys.keys()].filter((p) => !seen.has(p));
      const done = () => {
        if (generation === this.generation) this.coldLoaded = true;
      };
      if (missing.length === 0) {
        done();
        return undefined;
      }
      return readStoredPages(trans, missing).then((pages): Promise<void> | undefined => {
        if (generation !== this.generation) return undefined;
        if (changes !== this.changes) return this.need(trans, name);
        for (const [page, data] of pages) {
          const keys = this.pageKeys.get(page);
          if (!keys) continue;
          const computed = data.ids.map((_, j) => this.keysOf(JSON.parse(data.rows[j]!) as Row));
          cold.forEach((i) => (keys.cols[i] = keys.ids.map((id) => computed[data.ids.indexOf(id)]?.[i] ?? [])));
        }
        done();
        return undefined;
      });
    });
  }

  /**
   * Makes the copy right for `trans`. The first time a writing transaction asks (or a reader needing a stable copy
   * across several reads, `sync`), one request of its own runs first:
   * IndexedDB answers it only once every earlier writer over these stores has finished, and such a writer changes
   * the copy before it finishes (a later one cannot start before `trans` ends). If a writer's end is still unheard
   * then (Dexie rejects an aborted transaction before IndexedDB reports the abort), the copy may hold rolled-back
   * changes: it is loaded again in `trans`, which sees exactly what was committed.
   */
  ready(trans: object, { sync = false } = {}): Promise<void> {
    if (this.synced.has(trans) && this.entries) return Dexie.Promise.resolve();
    // A read-only transaction may go first, on the copy as it is: it holds only committed writes while no writer's
    // change is unheard, and a reader checks it did not change while pages were read (middleware.ts).
    if (!sync && this.entries && (trans as IDBTransaction).mode === 'readonly' && !this.hasOtherOpenWriter(trans)) return Dexie.Promise.resolve();
    return request<number>(storeOf(trans, CONTACT_KEYS).count()).then(() => {
      this.synced.add(trans);
      if (this.entries && this.hasOtherOpenWriter(trans)) this.invalidate();
      if (this.entries) return undefined;
      // Loaded again if a writer's abort dropped the copy during the load.
      return this.load(trans).then(() => (this.entries ? undefined : this.load(trans)));
    });
  }

  /** Transactions whose first request has answered (see ready). */
  private readonly synced = new WeakSet<object>();

  private fill(rows: KeysRow[], recomputed: Map<number, PageData>): void {
    const entries = new Map<string, number>();
    const hot = this.indexes.map((_, i) => i).filter((i) => this.hot[i]);
    let last = -1;
    for (const row of rows) {
      const fresh = recomputed.get(row.page);
      let keys: PageKeys;
      if (fresh) {
        const contacts = fresh.rows.map((text) => JSON.parse(text) as Row);
        const all = contacts.map((c) => this.keysOf(c));
        keys = { ids: fresh.ids, cols: this.indexes.map((_, i) => all.map((k) => k[i]!)) };
      } else {
        keys = { ids: JSON.parse(row.ids!) as string[], cols: this.indexes.map(() => undefined) };
        hot.forEach((i, c) => (keys.cols[i] = row.cols[c]));
      }
      for (const id of keys.ids) entries.set(id, row.page);
      this.pageKeys.set(row.page, keys);
      this.sizes.set(row.page, keys.ids.length);
      if (row.page > last) last = row.page;
    }
    this.lastPage = last;
    this.entries = entries;
  }

  private map(): Map<string, number> {
    if (!this.entries) throw new Error('contact pages: directory not loaded in this transaction');
    return this.entries;
  }

  get size(): number {
    return this.map().size;
  }

  /** The page holding contact `id`, if any. */
  pageOf(id: string): number | undefined {
    return this.map().get(id);
  }

  pageSize(page: number): number {
    return this.sizes.get(page) ?? 0;
  }

  /** The keys a contact gives each index. */
  keysOf(row: Row): unknown[][] {
    return this.indexes.map((ix) => indexKeys(ix.extractKey(row), ix.multiEntry));
  }

  /** Index `i`'s keys per contact of a page, parsed on first use (undefined: a cold index not read yet). */
  private column(keys: PageKeys, i: number): unknown[][] | undefined {
    let col = keys.cols[i];
    if (typeof col === 'string') keys.cols[i] = col = JSON.parse(col) as unknown[][];
    return col;
  }

  /** The keys contact `id` of `page` gives index `i` as stored (undefined: not known in memory). */
  private storedKeys(page: number, id: string, i: number): unknown[] | undefined {
    const keys = this.pageKeys.get(page);
    const j = keys ? keys.ids.indexOf(id) : -1;
    if (j < 0) return undefined;
    return this.column(keys!, i)?.[j];
  }

  /**
   * The keys rows (read at open, and cold) of a page now holding `data`, after apply(): the changed contacts' new
   * keys, the others' as stored, or computed from their row where a cold index was not read yet. Kept as the page's.
   */
  keysRows(page: number, data: PageData): { hot: KeysRow; cold: KeysRow } {
    const { ids } = data;
    const parsed = new Map<string, unknown[][]>();
    const computed = (id: string, j: number) => {
      let keys = parsed.get(id);
      if (!keys) parsed.set(id, (keys = this.keysOf(JSON.parse(data.rows[j]!) as Row)));
      return keys;
    };
    const cols = this.indexes.map((_, i) => ids.map((id, j) => this.fresh.get(id)?.[i] ?? this.storedKeys(page, id, i) ?? computed(id, j)[i]!));
    this.pageKeys.set(page, { ids, cols });
    const part = (hot: boolean): KeysRow => {
      const which = this.indexes.map((_, i) => i).filter((i) => this.hot[i] === hot);
      return { page, indexes: this.names(hot), ...(hot ? { ids: JSON.stringify(ids) } : {}), cols: which.map((i) => JSON.stringify(cols[i])) };
    };
    return { hot: part(true), cold: part(false) };
  }

  /** The sorted pairs of an index (PRIMARY for the primary key), built on first use. */
  view(name: string): SortedView {
    let view = this.views.get(name);
    if (view) return view;
    const pairs: Pair[] = [];
    if (name === PRIMARY) {
      for (const id of this.map().keys()) pairs.push([id, id]);
    } else {
      const i = this.indexOf(name);
      const entries = this.map();
      for (const [page, keys] of this.pageKeys) {
        const col = this.column(keys, i);
        if (!col) throw new Error(`contact pages: index "${name}" asked before its keys were read`);
        keys.ids.forEach((id, j) => {
          // Only contacts still where the copy says they are (an emptied page's keys are dropped, too).
          if (entries.get(id) !== page) return;
          for (const key of col[j] ?? []) pairs.push([key, id]);
        });
      }
    }
    view = SortedView.build(pairs);
    this.views.set(name, view);
    return view;
  }

  indexOf(name: string): number {
    const i = this.indexes.findIndex((ix) => ix.name === name);
    if (i < 0) throw new Error(`contact pages: no index "${name}"`);
    return i;
  }

  /**
   * Records what a write did: each changed contact's new entry (or null: deleted). The page sizes and every built
   * view follow; keysRows() then makes each touched page's keys rows.
   */
  apply(changes: Map<string, Entry | null>): void {
    const entries = this.map();
    this.changes++;
    const built = [...this.views.keys()].map((name) => ({ name, i: name === PRIMARY ? -1 : this.indexOf(name), dropped: new Map<string, unknown[]>(), added: [] as Pair[] }));
    this.fresh = new Map();
    for (const [id, next] of changes) {
      const before = entries.get(id);
      if (before !== undefined) {
        this.sizes.set(before, (this.sizes.get(before) ?? 1) - 1);
        for (const v of built) v.dropped.set(id, v.i < 0 ? [id] : (this.storedKeys(before, id, v.i) ?? []));
      }
      if (next) {
        entries.set(id, next.page);
        this.fresh.set(id, next.keys);
        this.sizes.set(next.page, (this.sizes.get(next.page) ?? 0) + 1);
        if (next.page > this.lastPage) this.lastPage = next.page;
        for (const v of built) {
          if (v.i < 0) v.added.push([id, id]);
          else for (const key of next.keys[v.i]!) v.added.push([key, id]);
        }
      } else {
        entries.delete(id);
      }
    }
    for (const v of built) this.views.get(v.name)!.update(v.dropped, v.added);
  }

  /** A page left empty by a write (its row is deleted): its keys and size go too. */
  dropPage(page: number): void {
    this.pageKeys.delete(page);
    this.sizes.delete(page);
  }

  /** Every contact gone. */
  clear(): void {
    this.changes++;
    this.coldLoaded = true;
    this.cache.clear();
    this.entries = new Map();
    this.pageKeys = new Map();
    this.sizes = new Map();
    this.views = new Map();
    this.lastPage = -1;
  }

  private readonly writers = new OpenWriters();

  /** Marks `trans` as having changed the copy: its abort drops the copy. */
  wrote(trans: object): void {
    this.writers.add(trans, () => this.invalidate());
  }

  /** Whether another writer has not reported its end yet (see OpenWriters). */
  hasOtherOpenWriter(trans: object): boolean {
    return this.writers.otherOpen(trans);
  }
}
