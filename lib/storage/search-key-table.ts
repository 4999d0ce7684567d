// The in-memory key table behind contact search (search-index.ts): each distinct search key once, sorted, with the
// contacts (ordinals) that carry it. Built incrementally so the background can build it in short slices between
// messages: a keystroke is never queued behind the whole build.

/**
 * Immutable sorted table: each distinct key once, with the contacts (ordinals) that carry it, and each contact's keys
 * (positions in `keys`) for checking a query's later words. Flat typed arrays: cheap to keep and to store
 * (search-table-store.ts).
 */
export interface KeyTable {
  ids: string[];
  keys: string[];
  postStart: Uint32Array;
  postings: Uint32Array;
  /** Contact `o`'s keys are `keys[ownKeys[ownStart[o] .. ownStart[o + 1]]]`. */
  ownStart: Uint32Array;
  ownKeys: Uint32Array;
}

/** Resolves after other queued work (a message, a keystroke) had its turn. */
export type Pause = () => Promise<void>;

interface BackgroundScheduler {
  postTask(task: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Lets every other queued task run first: a background-priority task where the Prioritized Task Scheduling API
 * exists (Chromium: messages and IndexedDB results go before it), else a message-channel task (no 4 ms clamp).
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<BackgroundScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority: 'background' });
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Runs a generator of small steps to its end, pausing whenever a slice has used `sliceMs`; no pause: at once. */
export async function runSliced<R>(steps: Generator<void, R>, pause: Pause | null, sliceMs = 4): Promise<R> {
  if (!pause) return runNow(steps);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

export function runNow<R>(steps: Generator<void, R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Contacts are added in primary-key order (as IndexedDB lists them), so a key's contacts come out in that order. */
export class KeyTableBuilder {
  private readonly ids: string[] = [];
  private readonly owners = new Map<string, number[]>();

  add(id: string, keys: readonly string[]): void {
    const ordinal = this.ids.length;
    this.ids.push(id);
    for (const key of keys) {
      let list = this.owners.get(key);
      if (!list) this.owners.set(key, (list = []));
      else if (list[list.length - 1] === ordinal) continue; // a key listed twice counts once, as in the index
      list.push(ordinal);
    }
  }

  /** The table, in steps (run with runSliced/runNow); the sort itself is one step. */
  *finish(): Generator<void, KeyTable> {
    // Code-unit order, as IndexedDB sorts strings: a prefix's matches are one contiguous run. (The default sort
    // compares strings by code units, faster than a comparator.)
    const keys = [...this.owners.keys()].sort();
    yield;
    const lists = new Array<number[]>(keys.length);
    const postStart = new Uint32Array(keys.length + 1);
    let total = 0;
    for (let i = 0; i < keys.length; i++) {
      const list = this.owners.get(keys[i]!)!;
      lists[i] = list;
      postStart[i] = total;
      total += list.length;
      if ((i & 1023) === 1023) yield;
    }
    postStart[keys.length] = total;
    const postings = new Uint32Array(total);
    for (let i = 0; i < keys.length; i++) {
      postings.set(lists[i]!, postStart[i]);
      if ((i & 1023) === 1023) yield;
    }
    yield;
    const { ownStart, ownKeys } = ownersToOwn(postStart, postings, this.ids.length);
    return { ids: this.ids, keys, postStart, postings, ownStart, ownKeys };
  }
}

/** Each contact's key positions, from the key → contacts postings (a counting sort: two passes over them). */
export function ownersToOwn(postStart: Uint32Array, postings: Uint32Array, contacts: number): { ownStart: Uint32Array; ownKeys: Uint32Array } {
  const ownStart = new Uint32Array(contacts + 1);
  for (let p = 0; p < postings.length; p++) ownStart[postings[p]! + 1]!++;
  for (let o = 0; o < contacts; o++) ownStart[o + 1]! += ownStart[o]!;
  const fill = ownStart.slice(0, contacts);
  const ownKeys = new Uint32Array(postings.length);
  for (let k = 0; k + 1 < postStart.length; k++) {
    for (let p = postStart[k]!, end = postStart[k + 1]!; p < end; p++) ownKeys[fill[postings[p]!]!++] = k;
  }
  return { ownStart, ownKeys };
}

export function buildKeyTable(rows: Iterable<{ id: string; searchKeys: string[] }>): KeyTable {
  const builder = new KeyTableBuilder();
  for (const row of rows) builder.add(row.id, row.searchKeys);
  return runNow(builder.finish());
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

export const hasPrefix = (keys: readonly string[], word: string) => keys.some((key) => key.startsWith(word));

function ownsPrefix(table: KeyTable, ordinal: number, word: string): boolean {
  for (let i = table.ownStart[ordinal]!, end = table.ownStart[ordinal + 1]!; i < end; i++) {
    if (table.keys[table.ownKeys[i]!]!.startsWith(word)) return true;
  }
  return false;
}

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
    if (!others.every((word) => ownsPrefix(table, ordinal, word))) continue;
    found.push(table.ids[ordinal]!);
    if (found.length >= limit) break;
  }
  return found;
}
