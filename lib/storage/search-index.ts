// Contact search from memory: each keystroke of the popup (or the sidebar's Find a contact) answers from a sorted
// key table (search-key-table.ts) instead of an IndexedDB prefix scan, which at 100,000 contacts costs tens of
// milliseconds whenever the first word is broad ("p", "person") and a later word filters most of it away.
//
// Built on the first search after the worker starts (the popup's recent-list request), from the score buckets
// already in memory (search-table-source.ts: no contact row read), in short slices between messages; meanwhile a
// bounded IndexedDB probe (search-probe.ts) answers, with the table's answers. Kept fresh through Dexie's
// `storagemutated` event: a few changed contacts are re-read into an overlay; a bulk write (import, sync pull,
// rescore) drops the table and the next search rebuilds it.
import Dexie, { RangeSet } from 'dexie';
import type { Contact } from '@/lib/domain/contact';
import { queryWords } from '@/lib/domain/search';
import { type ContactRepository, fromStored } from './contacts';
import { scoreBuckets } from './score-buckets';
import { hasPrefix, type KeyTable, KeyTableBuilder, nextTask, type Pause, runSliced, searchKeyTable } from './search-key-table';
import { probeSearch } from './search-probe';
import { eachStoredChunk, FitKeys, fitsFromBuckets } from './search-table-source';
import { loadStoredTable, readSeenMarks, saveStoredTable } from './search-table-store';
import { summaryFromMemory } from './search-summaries';
import { type ContactSummary, summaryOf } from '@/lib/domain/contact-summary';
import type { FichaDb } from './db';

export { buildKeyTable, type KeyTable, prefixRange, searchKeyTable } from './search-key-table';

/** Contacts answered recently, kept decoded: typing one more letter mostly lists the same people again. */
const MAX_CACHED = 500;
/** Changed contacts kept beside the table before it is rebuilt. */
const MAX_OVERLAY = 2_000;
/** Marked contacts a stored table may come with: more, and it is rebuilt instead of loaded. */
const MAX_MARKS_ON_LOAD = 200;

/** Adds contacts in id order, one step per contact. */
function* addAll(builder: KeyTableBuilder, ids: string[], keysOf: (id: string) => string[]): Generator<void, void> {
  for (const id of ids) {
    builder.add(id, keysOf(id));
    yield;
  }
}

interface RangeNode {
  from: unknown;
  to: unknown;
}
type MutatedParts = Record<string, object | undefined>;

export interface SearchIndexOptions {
  /** How the build lets queued messages run between its slices (tests hold it to search during a build). */
  pause?: Pause;
}

export function contactSearchIndex(db: FichaDb, contacts: ContactRepository, options: SearchIndexOptions = {}) {
  const pause = options.pause ?? nextTask;
  let table: KeyTable | null = null;
  /** Contacts changed since the table was built: their keys now, or null once deleted. */
  let overlay = new Map<string, string[] | null>();
  /** Changed ids not yet re-read. */
  const dirty = new Set<string>();
  let stale = true;
  let building: Promise<void> | null = null;
  /** Same invalidation as the table: a written contact leaves it, a bulk write empties it. */
  const cache = new Map<string, Contact>();
  /** Bumped by every write seen: a read that overlapped one is answered but not cached. */
  let generation = 0;

  const part = `idb://${db.name}/contacts/`;
  const onMutated = (parts: MutatedParts) => {
    const changed = parts[part];
    if (!changed) return;
    generation++;
    if (stale) {
      cache.clear();
      return;
    }
    // Events relayed between contexts arrive structured-cloned, without RangeSet's iterator: re-wrap.
    for (const node of RangeSet(changed as Parameters<typeof RangeSet>[0]) as unknown as Iterable<RangeNode>) {
      // A range (bulk write, clear, delete by range): which contacts changed is unknown, rebuild.
      if (typeof node.from !== 'string' || node.from !== node.to || dirty.size + overlay.size >= MAX_OVERLAY) {
        stale = true;
        dirty.clear();
        cache.clear();
        return;
      }
      dirty.add(node.from);
      cache.delete(node.from);
    }
  };
  Dexie.on('storagemutated', onMutated);

  /**
   * Builds (and how many took the keys from the buckets), searches answered by the probe, the last build's duration
   * and its phases' (wall time, pauses included): for tests, the worker's console (`ficha.searchIndex.stats`), the bench.
   */
  const stats = { builds: 0, fromBuckets: 0, loads: 0, saves: 0, probes: 0, fromMemory: 0, lastBuildMs: 0, phases: [] as [string, number][] };
  /** The stored table is tried once per worker: after that the table in memory is newer. */
  let triedStored = false;
  let saving: Promise<unknown> = Promise.resolve();

  /** The table saved by an earlier worker, with the contacts written since as the overlay to re-read. */
  async function loadStored(): Promise<boolean> {
    const started = performance.now();
    const stored = await loadStoredTable(db).catch((error: unknown) => {
      console.warn('[ficha] stored search table unreadable, rebuilding', error);
      return null;
    });
    // Many contacts changed since the save: rebuild (and save, clearing their marks) rather than re-read them all.
    if (!stored || stored.dirty.size > MAX_MARKS_ON_LOAD) return false;
    table = stored.table;
    overlay = new Map();
    for (const id of stored.dirty.keys()) dirty.add(id);
    stats.loads++;
    stats.lastBuildMs = performance.now() - started;
    stats.phases = [['stored', Math.round(stats.lastBuildMs)]];
    return true;
  }

  async function build(): Promise<void> {
    stale = false;
    dirty.clear();
    if (!triedStored) {
      triedStored = true;
      if (await loadStored()) return;
    }
    const started = performance.now();
    // Read before the contacts are: the marks a saved copy of this build may clear, and the epoch it belongs to.
    const seen = await readSeenMarks(db).catch(() => null);
    const buckets = scoreBuckets(db);
    // An aborted write leaves the in-memory buckets ahead of the database until they are dropped: rebuild then.
    const aborted = buckets.stats.aborted;
    const builder = new KeyTableBuilder();
    let lap = started;
    const phase = (name: string) => {
      const now = performance.now();
      stats.phases.push([name, Math.round(now - lap)]);
      lap = now;
    };
    stats.phases = [];
    const fits = await fitsFromBuckets(db);
    phase('buckets');
    if (fits) {
      const ids = [...fits.keys()].sort(); // code-unit order, as IndexedDB lists them
      await pause();
      const derive = new FitKeys();
      await runSliced(addAll(builder, ids, (id) => derive.keys(fits.get(id)!)), pause);
      stats.fromBuckets++;
    } else {
      await eachStoredChunk(db, (rows) => {
        for (const c of rows) builder.add(c.id, c.searchKeys);
      }, pause);
    }
    phase('keys');
    const built = await runSliced(builder.finish(), pause);
    phase('table');
    if (buckets.stats.aborted !== aborted) stale = true;
    table = built;
    overlay = new Map();
    stats.builds++;
    stats.lastBuildMs = performance.now() - started;
    if (!stale && seen) {
      // An abort heard by the time the save runs: the buckets this build read may have been ahead of the database.
      saving = saveStoredTable(db, built, seen, () => !stale && buckets.stats.aborted === aborted)
        .then((saved) => saved && stats.saves++)
        .catch((error: unknown) => console.warn('[ficha] search table not saved', error));
    }
  }

  /** Starts (or joins) a rebuild when the table is missing or outdated; resolves when it is usable. */
  const usable = () => table !== null && !stale && building === null;
  function ensureBuilt(): Promise<void> {
    if (usable()) return Promise.resolve();
    if (!building) {
      building = build()
        .catch((error: unknown) => {
          stale = true;
          console.error('[ficha] search index', error);
        })
        .finally(() => {
          building = null;
        });
    }
    return building;
  }

  async function applyDirty(): Promise<void> {
    if (dirty.size === 0) return;
    const ids = [...dirty];
    dirty.clear();
    const rows = await db.contacts.bulkGet(ids);
    ids.forEach((id, i) => overlay.set(id, rows[i]?.searchKeys ?? null));
  }

  async function fromTable(words: string[], limit: number): Promise<string[]> {
    await applyDirty();
    const current = table!;
    const found: string[] = [];
    for (const [id, keys] of overlay) {
      if (keys && words.every((word) => hasPrefix(keys, word))) found.push(id);
      if (found.length >= limit) break;
    }
    const skip = overlay.size ? (ordinal: number) => overlay.has(current.ids[ordinal]!) : undefined;
    found.push(...searchKeyTable(current, words, limit - found.length, skip));
    return found;
  }

  /** While the table is (re)built: IndexedDB answers, the contacts themselves served from the cache as the table's. */
  function probe(words: string[], limit: number): Promise<string[]> {
    void ensureBuilt();
    stats.probes++;
    return probeSearch(db, words, limit);
  }

  /** The contacts of `ids`, in order: decoded ones from the cache (scores from the buckets), the rest read. */
  async function contactsOf(found: string[]): Promise<Contact[]> {
    // Scores live in the score buckets and change without a contact write: a cached contact takes its score from
    // them (in memory) when served; if they are not loaded, everything is read.
    const buckets = scoreBuckets(db);
    const missing = buckets.loaded ? found.filter((id) => !cache.has(id)) : found;
    const read = new Map<string, Contact>();
    if (missing.length > 0) {
      const before = generation;
      const rows = await db.contacts.bulkGet(missing);
      for (const row of rows) if (row) read.set(row.id, fromStored(row));
      if (generation === before) {
        if (cache.size + read.size > MAX_CACHED) cache.clear();
        for (const [id, contact] of read) cache.set(id, contact);
      }
    }
    return found.flatMap((id) => {
      const fresh = read.get(id);
      if (fresh) return [fresh];
      const cached = cache.get(id);
      if (!cached) return [];
      buckets.overlay(cached);
      return [cached];
    });
  }

  /** Same answers as the repository's prefix search (every word prefixes a key), from memory once built. */
  async function search(query: string, limit: number): Promise<Contact[]> {
    const words = queryWords(query);
    // An empty query lists recent contacts: an index read, already fast. A table being (re)built: IndexedDB answers.
    if (words.length === 0) {
      void ensureBuilt(); // the popup's first request: have the table ready by the first keystroke
      return contacts.search(query, limit);
    }
    const found = usable() ? await fromTable(words, limit) : await probe(words, limit);
    return contactsOf(found);
  }

  return {
    search,
    /**
     * The same results as list lines, from memory (search-summaries.ts) once the table and the score buckets are
     * there; the popup's and Find a contact's keystrokes. Contacts memory cannot vouch for are read.
     */
    async find(query: string, limit: number): Promise<ContactSummary[]> {
      const words = queryWords(query);
      const buckets = scoreBuckets(db);
      if (words.length === 0 || !usable() || !buckets.loaded) return (await search(query, limit)).map(summaryOf);
      const found = await fromTable(words, limit);
      const lines = found.map((id) => (overlay.has(id) ? null : summaryFromMemory(id, buckets.peek(id))));
      const unread = found.filter((_, i) => !lines[i]);
      if (unread.length > 0) {
        const read = new Map((await contactsOf(unread)).map((c) => [c.id, summaryOf(c)]));
        found.forEach((id, i) => (lines[i] ??= read.get(id) ?? null));
      }
      stats.fromMemory += lines.length - unread.length;
      return lines.filter((line): line is ContactSummary => line !== null);
    },
    /** For tests and the bench: resolves once the table answers. */
    async ready(): Promise<void> {
      for (let attempt = 0; attempt < 3 && !usable(); attempt++) await ensureBuilt();
    },
    /** For tests: resolves once the last build's copy is stored. */
    saved: () => saving,
    stats,
    dispose() {
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}

export type ContactSearchIndex = ReturnType<typeof contactSearchIndex>;
