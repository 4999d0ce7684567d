// The IndexedDB answer to a search while the in-memory key table (search-index.ts) is being built: the popup's first
// keystrokes after the worker starts. The plain scan (contacts.ts search) walks the first word's whole index run
// when a later word filters everything away ("person 7" reads every contact at 100,000), a cursor step and a full
// contact per entry. Here each word first reads only a bounded number of primary keys of its run (getAllKeys: no
// contact deserialised); a word whose run ends within the bound is known completely, and the rarest such word drives.
// Answers and their order are the table's: the rarest word (fewest index entries, first on a tie) drives, its run in
// index order (key, then id), every other word must start one of the contact's keys, stop at the limit.
import type { FichaDb, StoredContact } from './db';
import { hasPrefix } from './search-key-table';

/** Index entries read per word at first: enough for most words of a typed name, cheap for the broad ones. */
export const PROBE_ENTRIES = 256;
/** Candidates whose keys are read at once when a broad word must be checked on the contact itself. */
const CHECK_BATCH = 64;


/** Up to `entries` ids of the word's index run (an id once per key it has there), in index order. */
function runIds(db: FichaDb, word: string, entries: number): Promise<string[]> {
  return db.contacts.where('searchKeys').startsWith(word).limit(entries).primaryKeys();
}

function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Same answers as searchKeyTable over the stored contacts (ids, in its order), from IndexedDB, reading little for
 * broad words. The caller reads the contacts (search-index.ts keeps the recent ones decoded).
 */
export async function probeSearch(db: FichaDb, words: string[], limit: number): Promise<string[]> {
  if (words.length === 0 || limit <= 0) return [];
  if (words.length === 1) {
    // One word: its run's first `limit` distinct contacts; a contact has few keys starting with the same word.
    const entries = Math.min(PROBE_ENTRIES, Math.max(2 * limit, 8));
    const first = await runIds(db, words[0]!, entries);
    return singleWord(db, words[0]!, first, entries, limit);
  }
  const firstReads = await Promise.all(words.map((word) => runIds(db, word, PROBE_ENTRIES)));
  const complete = firstReads.map((ids) => ids.length < PROBE_ENTRIES);
  if (firstReads.some((ids, w) => complete[w] && ids.length === 0)) return [];

  // The driver the table would take: the fewest entries, the first on a tie. A complete run is shorter than any
  // incomplete one; among incomplete ones only a count tells.
  let driver = -1;
  for (let w = 0; w < words.length; w++) {
    if (complete[w] && (driver < 0 || firstReads[w]!.length < firstReads[driver]!.length)) driver = w;
  }
  if (driver < 0) return broadWords(db, words, limit);

  const sets = words.map((_, w) => (complete[w] && w !== driver ? new Set(firstReads[w]) : null));
  // Candidates in the driver's order, first filtered by the words known completely (no reads).
  const candidates = distinct(firstReads[driver]!).filter((id) => sets.every((set) => !set || set.has(id)));
  const unchecked = words.filter((_, w) => w !== driver && !complete[w]);
  if (unchecked.length === 0) return candidates.slice(0, limit);
  // A broad word is checked on the candidate's own keys, reading candidates a batch at a time until the limit.
  const found: string[] = [];
  for (let from = 0; from < candidates.length && found.length < limit; from += CHECK_BATCH) {
    const rows = await db.contacts.bulkGet(candidates.slice(from, from + CHECK_BATCH));
    for (const row of rows) {
      if (row && unchecked.every((word) => hasPrefix(row.searchKeys, word))) found.push(row.id);
      if (found.length >= limit) break;
    }
  }
  return found;
}

/** One word: the first `limit` distinct ids of its run, reading further only if its contacts repeat in it. */
async function singleWord(db: FichaDb, word: string, first: string[], entries: number, limit: number): Promise<string[]> {
  let ids = distinct(first);
  let complete = first.length < entries;
  while (ids.length < limit && !complete) {
    entries *= 4;
    const more = await runIds(db, word, entries);
    complete = more.length < entries;
    ids = distinct(more);
  }
  return ids.slice(0, limit);
}

/** Every word is broad: count each run to drive with the rarest (as the table does), then scan it. */
async function broadWords(db: FichaDb, words: string[], limit: number): Promise<string[]> {
  const counts = await Promise.all(words.map((word) => db.contacts.where('searchKeys').startsWith(word).count()));
  let driver = 0;
  for (let w = 1; w < words.length; w++) if (counts[w]! < counts[driver]!) driver = w;
  const others = words.filter((_, w) => w !== driver);
  const rows: StoredContact[] = await db.contacts
    .where('searchKeys')
    .startsWith(words[driver]!)
    .filter((c) => others.every((word) => hasPrefix(c.searchKeys, word)))
    .distinct()
    .limit(limit)
    .toArray();
  return rows.map((row) => row.id);
}
