// The contact pages' indexes, in memory: which page holds each contact and the keys it gives each index, loaded once
// from the `contactKeys` rows (not the contacts) and kept in step by every write. Sorted views of an index are built
// on its first range query and updated in place after that. An aborted writer leaves the copy ahead of the database:
// it is dropped then, and loaded again by the next transaction.
import Dexie from 'dexie';
import { PageCache } from './page-cache';
import { CONTACT_KEYS, type KeysRow, type PageData, readStoredPages, request, type Row, storeOf } from './pages';
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

/** The view of the primary key. */
export const PRIMARY = ':id';

export class ContactDirectory {
  private entries: Map<string, Entry> | null = null;
  private sizes = new Map<number, number>();
  private views = new Map<string, SortedView>();
  private loading: Promise<void> | null = null;
  private generation = 0;
  /** Loads of the keys rows (tests and the benchmark report them). */
  readonly stats = { loads: 0, dropped: 0 };
  /** Pages as last read or written (dropped with the copy). */
  readonly cache = new PageCache();
  /** Bumped by every change to the copy: a writer that planned before a change plans again. */
  changes = 0;

  constructor(readonly indexes: IndexSpec[]) {}

  get loaded(): boolean {
    return this.entries !== null;
  }

  /** The highest page in use (-1: none). New contacts fill it, then the pages after it. */
  lastPage = -1;

  invalidate(): void {
    this.entries = null;
    this.sizes = new Map();
    this.views = new Map();
    this.loading = null;
    this.lastPage = -1;
    this.generation++;
    this.changes++;
    this.cache.clear();
  }

  /** Loads the keys rows in `trans` unless already in memory. */
  load(trans: unknown): Promise<void> {
    if (this.entries) return Dexie.Promise.resolve();
    const generation = this.generation;
    const loading = request<KeysRow[]>(storeOf(trans, CONTACT_KEYS).getAll()).then((rows) => {
      if (this.entries || generation !== this.generation) return;
      const names = this.indexes.map((i) => i.name);
      const stale = rows.filter((r) => r.indexes.join('\n') !== names.join('\n'));
      // Rows written under another set of indexes (a schema change): their keys are computed again from the pages.
      if (stale.length) return readStoredPages(trans, stale.map((r) => r.page)).then((pages) => this.fill(rows, pages));
      this.fill(rows, new Map());
    });
    this.loading = loading;
    return loading;
  }

  /**
   * Loads the copy in `trans` if needed, and makes sure it holds no rolled-back change: while another writer's end is
   * unheard (Dexie rejects an aborted transaction before IndexedDB reports the abort), a request of `trans` runs
   * first. It answers once that writer has finished; a copy still not cleared by then is loaded again in `trans`.
   */
  ready(trans: object): Promise<void> {
    // Loaded again if a writer's abort dropped the copy during the load.
    if (!this.entries) return this.load(trans).then(() => (this.entries ? undefined : this.load(trans)));
    if (!this.hasOtherOpenWriter(trans)) return Dexie.Promise.resolve();
    return request<number>(storeOf(trans, CONTACT_KEYS).count()).then(() => {
      if (this.entries && !this.hasOtherOpenWriter(trans)) return undefined;
      this.invalidate();
      return this.load(trans);
    });
  }

  /** Changes whenever the copy is dropped: a write that read pages meanwhile plans again. */
  get version(): number {
    return this.generation;
  }

  private fill(rows: KeysRow[], recomputed: Map<number, PageData>): void {
    this.stats.loads++;
    const entries = new Map<string, Entry>();
    let last = -1;
    for (const row of rows) {
      const fresh = recomputed.get(row.page);
      if (fresh) {
        fresh.ids.forEach((id, j) => entries.set(id, { page: row.page, keys: this.keysOf(JSON.parse(fresh.rows[j]!) as Row) }));
        this.sizes.set(row.page, fresh.ids.length);
      } else {
        const n = this.indexes.length;
        row.ids.forEach((id, j) => {
          const keys = new Array<unknown[]>(n);
          for (let i = 0; i < n; i++) keys[i] = row.keys[i]![j]!;
          entries.set(id, { page: row.page, keys });
        });
        this.sizes.set(row.page, row.ids.length);
      }
      if (row.page > last) last = row.page;
    }
    this.lastPage = last;
    this.entries = entries;
  }

  private map(): Map<string, Entry> {
    if (!this.entries) throw new Error('contact pages: directory not loaded in this transaction');
    return this.entries;
  }

  get size(): number {
    return this.map().size;
  }

  entry(id: string): Entry | undefined {
    return this.map().get(id);
  }

  pageSize(page: number): number {
    return this.sizes.get(page) ?? 0;
  }

  /** The keys a contact gives each index. */
  keysOf(row: Row): unknown[][] {
    return this.indexes.map((ix) => indexKeys(ix.extractKey(row), ix.multiEntry));
  }

  /** The keys row of a page holding `ids` (their entries must be current). */
  keysRow(page: number, ids: string[]): KeysRow {
    const keys = this.indexes.map((_, i) => ids.map((id) => this.map().get(id)!.keys[i]!));
    return { page, indexes: this.indexes.map((i) => i.name), ids, keys };
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
      for (const [id, e] of this.map()) for (const key of e.keys[i]!) pairs.push([key, id]);
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
   * view follow.
   */
  apply(changes: Map<string, Entry | null>): void {
    const entries = this.map();
    this.changes++;
    const dropped = this.indexes.map(() => new Map<string, unknown[]>());
    const added = this.indexes.map((): Pair[] => []);
    const droppedIds = new Map<string, unknown[]>();
    const addedIds: Pair[] = [];
    for (const [id, next] of changes) {
      const before = entries.get(id);
      if (before) {
        this.sizes.set(before.page, (this.sizes.get(before.page) ?? 1) - 1);
        before.keys.forEach((keys, i) => dropped[i]!.set(id, keys));
        droppedIds.set(id, [id]);
      }
      if (next) {
        entries.set(id, next);
        this.sizes.set(next.page, (this.sizes.get(next.page) ?? 0) + 1);
        if (next.page > this.lastPage) this.lastPage = next.page;
        next.keys.forEach((keys, i) => {
          for (const key of keys) added[i]!.push([key, id]);
        });
        addedIds.push([id, id]);
      } else {
        entries.delete(id);
      }
    }
    for (const [name, view] of this.views) {
      if (name === PRIMARY) view.update(droppedIds, addedIds);
      else {
        const i = this.indexOf(name);
        view.update(dropped[i]!, added[i]!);
      }
    }
  }

  /** Every contact gone. */
  clear(): void {
    this.changes++;
    this.cache.clear();
    this.entries = new Map();
    this.sizes = new Map();
    this.views = new Map();
    this.lastPage = -1;
  }

  // Writers whose end has not been heard yet: if one aborts, the copy holds changes that were rolled back.
  private readonly writers = new WeakSet<object>();
  private readonly open = new Set<object>();

  /** Marks `trans` as having changed the copy: its abort drops the copy. */
  wrote(trans: object): void {
    if (this.writers.has(trans)) return;
    this.writers.add(trans);
    const events = trans as Partial<Pick<IDBTransaction, 'addEventListener'>>;
    if (typeof events.addEventListener !== 'function') return;
    this.open.add(trans);
    events.addEventListener('complete', () => this.open.delete(trans));
    events.addEventListener('abort', () => {
      this.open.delete(trans);
      this.stats.dropped++;
      this.invalidate();
    });
  }

  /** Whether another writer has not reported its end yet (see score-buckets.ts hasOtherOpenWriter). */
  hasOtherOpenWriter(trans: object): boolean {
    for (const t of this.open) if (t !== trans) return true;
    return false;
  }
}
