// Where the key table's contacts come from. Reading 100,000 contact rows costs IndexedDB per row (seconds in Chromium,
// key-only cursors included) and deserialises whole contacts; but the score buckets (score-buckets.ts), loaded into
// memory when the database opens, already hold every contact's id with its packed fit inputs (fit-facts.ts), which
// include exactly the fields the search keys are derived from (names, company, title, addresses). So the keys are
// derived again from those, in memory, with no contact read. The rows are read only if the buckets cannot vouch for
// every contact (a count that differs).
import { foldText } from '@/lib/domain/search';
import { fitSearchFields } from './fit-facts';
import { currentCoreTransaction, scoreBuckets } from './score-buckets';
import { eachChunkById } from './chunked-read';
import type { FichaDb, StoredContact } from './db';

const NAME_SPLIT = /[\s,.()'"-]+/;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** Folding without Unicode normalisation for plain ASCII (the same result: nothing to decompose or strip). */
const fold = (value: string) => (ASCII.test(value) ? value.toLowerCase().trim() : foldText(value));

/**
 * searchKeysFor (lib/domain/search.ts) for a packed fit, remembering each name's words: first names, surnames,
 * companies and titles repeat across thousands of contacts.
 */
export class FitKeys {
  private readonly words = new Map<string, readonly string[]>();

  private wordsOf(name: string): readonly string[] {
    let words = this.words.get(name);
    if (!words) {
      words = fold(name).split(NAME_SPLIT).filter(Boolean);
      if (this.words.size >= 50_000) this.words.clear();
      this.words.set(name, words);
    }
    return words;
  }

  /** The keys, possibly with repeats (the table builder counts a contact once per key, as the index does). */
  keys(fit: string): string[] {
    const { firstName, lastName, company, title, emails } = fitSearchFields(fit);
    const keys: string[] = [...this.wordsOf(firstName), ...this.wordsOf(lastName), ...this.wordsOf(company), ...this.wordsOf(title)];
    for (const email of emails) {
      const folded = fold(email);
      keys.push(folded);
      const at = folded.indexOf('@');
      const local = at < 0 ? folded : folded.slice(0, at);
      if (local) keys.push(local);
    }
    return keys;
  }
}

/**
 * Every stored contact's packed fit, by id, from the score buckets (loaded first if needed), or null when they do
 * not list exactly the stored contacts.
 */
export async function fitsFromBuckets(db: FichaDb): Promise<Map<string, string> | null> {
  const buckets = scoreBuckets(db);
  const counting = db.contacts.count();
  // Loaded when the database opened (the middleware's ready hook); a worker woken by the popup may still be at it:
  // wait for that load instead of reading every bucket row a second time.
  await db.open();
  if (!buckets.loaded && buckets.pending) await buckets.pending.catch(() => undefined);
  if (!buckets.loaded) await db.transaction('r', db.contacts, () => buckets.load(currentCoreTransaction()));
  const count = await counting;
  if (!buckets.loaded) return null;
  const fits = new Map<string, string>();
  for (const [id, fit] of buckets.contactFits()) fits.set(id, fit);
  return fits.size === count ? fits : null;
}

const READ_CHUNK = 2_000;

/** The slow way: every contact row, by primary key in chunks, pausing between chunks. */
export function eachStoredChunk(db: FichaDb, fn: (rows: StoredContact[]) => void, pause: () => Promise<void>): Promise<void> {
  return eachChunkById(db.contacts, READ_CHUNK, fn, pause);
}
