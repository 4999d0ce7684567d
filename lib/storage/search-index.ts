// Contact search from memory: each keystroke of the popup (or the sidebar's Find a contact) answers from a sorted
// key table instead of an IndexedDB prefix scan, which at 100,000 contacts costs tens of milliseconds whenever the
// first word is broad ("p", "person") and a later word filters most of it away.
//
// Built lazily on the first search (a few hundred ms at 100k; the IndexedDB scan answers meanwhile) and kept fresh
// through Dexie's `storagemutated` event: a few changed contacts are re-read into an overlay; a bulk write (import,
// sync pull, rescore) drops the table and the next search rebuilds it.
import Dexie, { RangeSet } from 'dexie';
import type { Contact } from '@/lib/domain/contact';
import { queryWords } from '@/lib/domain/search';
import { type ContactRepository, fromStored } from './contacts';
import { scoreBuckets } from './score-buckets';
import type { FichaDb, StoredContact } from './db';

const READ_CHUNK = 5_000;
/** Contacts answered recently, kept decoded: typing one more letter mostly lists the same people again. */
const MAX_CACHED = 500;
/** Changed contacts kept beside the table before it is rebuilt. */
const MAX_OVERLAY = 2_000;

/** Immutable sorted table: each distinct key once, with the contacts (ordinals) that carry it. */
export interface KeyTable {
  ids: string[];
  /** Per contact, its keys (shared strings): later query words are checked against them. */
  keysOf: string[][];
  keys: string[];
  postStart: Uint32Array;
  postings: Uint32Array;
}

export function buildKeyTable(rows: Iterable<{ id: string; searchKeys: string[] }>): KeyTable {
  const ids: string[] = [];
  const keysOf: string[][] = [];
  const owners = new Map<string, number[]>();
  for (const row of rows) {
    const ordinal = ids.length;
    ids.push(row.id);
    const own: string[] = [];
    for (const key of row.searchKeys) {
      let list = owners.get(key);
      if (!list) owners.set(key, (list = []));
      // Interned: the Map's key string is shared by every contact that has it.
      list.push(ordinal);
      own.push(key);
    }
    keysOf.push(own);
  }
  // Code-unit order, as IndexedDB sorts strings: a prefix's matches are one contiguous run.
  const keys = [...owners.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postStart = new Uint32Array(keys.length + 1);
  let total = 0;
  for (let i = 0; i < keys.length; i++) {
    postStart[i] = total;
    total += owners.get(keys[i]!)!.length;
  }
  postStart[keys.length] = total;
  const postings = new Uint32Array(total);
  for (let i = 0; i < keys.length; i++) postings.set(owners.get(keys[i]!)!, postStart[i]);
  return { ids, keysOf, keys, postStart, postings };
}

/** First position whose key is ≥ `value`. */
function lowerBound(keys: string[], value: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The run of keys starting with `prefix`, as [from, to) positions. */
export function prefixRange(keys: string[], prefix: string): [number, number] {
  return [lowerBound(keys, prefix), lowerBound(keys, `${prefix}\uffff`)];
}

const hasPrefix = (keys: readonly string[], word: string) => keys.some((key) => key.startsWith(word));

/**
 * Ids of up to `limit` contacts having, for every word, a key that starts with it. The rarest word drives the scan;
 * `skip` hides contacts whose table entry is outdated (they are answered from the overlay).
 */
export function searchKeyTable(table: KeyTable, words: string[], limit: number, skip?: (ordinal: number) => boolean): string[] {
  if (words.length === 0 || limit <= 0) return [];
  let driver = 0;
  let range: [number, number] = [0, 0];
  let best = Number.POSITIVE_INFINITY;
  for (let w = 0; w < words.length; w++) {
    const r = prefixRange(table.keys, words[w]!);
    const size = table.postStart[r[1]]! - table.postStart[r[0]]!;
    if (size < best) [best, driver, range] = [size, w, r];
    if (size === 0) return [];
  }
  const others = words.filter((_, w) => w !== driver);
  const seen = new Set<number>();
  const found: string[] = [];
  for (let p = table.postStart[range[0]]!, end = table.postStart[range[1]]!; p < end; p++) {
    const ordinal = table.postings[p]!;
    if (seen.has(ordinal)) continue;
    seen.add(ordinal);
    if (skip?.(ordinal)) continue;
    const own = table.keysOf[ordinal]!;
    if (!others.every((word) => hasPrefix(own, word))) continue;
    found.push(table.ids[ordinal]!);
    if (found.length >= limit) break;
  }
  return found;
}

interface RangeNode {
  from: unknown;
  to: unknown;
}
type MutatedParts = Record<string, object | undefined>;

export function contactSearchIndex(db: FichaDb, contacts: ContactRepository) {
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

  async function build(): Promise<void> {
    stale = false;
    dirty.clear();
    const rows: { id: string; searchKeys: string[] }[] = [];
    let after: string | null = null;
    // Read in chunks by primary key: a single getAll of 100k full records would hold them all at once.
    for (;;) {
      const chunk: StoredContact[] = await (after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after)).limit(READ_CHUNK).toArray();
      for (const c of chunk) rows.push({ id: c.id, searchKeys: c.searchKeys });
      if (chunk.length < READ_CHUNK) break;
      after = chunk[chunk.length - 1]!.id;
    }
    table = buildKeyTable(rows);
    overlay = new Map();
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

  return {
    /** Same answers as the repository's prefix search (every word prefixes a key), from memory once built. */
    async search(query: string, limit: number): Promise<Contact[]> {
      const words = queryWords(query);
      // An empty query lists recent contacts: an index read, already fast. A table being (re)built: IndexedDB answers.
      if (words.length === 0) {
        void ensureBuilt(); // the popup's first request: have the table ready by the first keystroke
        return contacts.search(query, limit);
      }
      if (!usable()) {
        void ensureBuilt();
        return contacts.search(query, limit);
      }
      await applyDirty();
      const current = table!;
      const found: string[] = [];
      for (const [id, keys] of overlay) {
        if (keys && words.every((word) => hasPrefix(keys, word))) found.push(id);
        if (found.length >= limit) break;
      }
      const skip = overlay.size ? (ordinal: number) => overlay.has(current.ids[ordinal]!) : undefined;
      found.push(...searchKeyTable(current, words, limit - found.length, skip));
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
    },
    /** For tests and the bench: resolves once the table answers. */
    async ready(): Promise<void> {
      for (let attempt = 0; attempt < 3 && !usable(); attempt++) await ensureBuilt();
    },
    dispose() {
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}

export type ContactSearchIndex = ReturnType<typeof contactSearchIndex>;
