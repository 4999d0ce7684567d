// One index of the contact pages held in memory: every (key, primary key) pair in IndexedDB's order, so range
// queries, `anyOf` cursors (which jump with continue(key)) and ordered reads answer as an IndexedDB index would.
import { compareKeys, compareStrings } from './keys';

export type Pair = [key: unknown, pk: string];

/** A DBCore key range (type 1 equal, 2 range, 3 any, 4 never). */
export interface KeyRangeLike {
  type: number;
  lower?: unknown;
  upper?: unknown;
  lowerOpen?: boolean;
  upperOpen?: boolean;
}

/** Below this many changed pairs, a write splices them in; above, it filters and merges once. */
const SPLICE_LIMIT = 64;

const comparePairs = (a: Pair, b: Pair) => compareKeys(a[0], b[0]) || compareStrings(a[1], b[1]);

export class SortedView {
  private constructor(
    public keys: unknown[],
    public pks: string[],
  ) {}

  static build(pairs: Pair[]): SortedView {
    pairs.sort(comparePairs);
    return new SortedView(
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    );
  }

  get length(): number {
    return this.pks.length;
  }

  /** The first position whose pair is ≥ (key, pk); without pk, the first whose key is ≥ key. */
  lowerBound(key: unknown, pk?: string): number {
    let lo = 0;
    let hi = this.pks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.keys[mid], key) || (pk === undefined ? 0 : compareStrings(this.pks[mid]!, pk));
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first position whose key is > key. */
  upperBound(key: unknown): number {
    let lo = 0;
    let hi = this.pks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid], key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Positions [start, end) of the pairs inside `range`. */
  span(range: KeyRangeLike): [number, number] {
    if (range.type === 4) return [0, 0];
    if (range.type === 3) return [0, this.pks.length];
    if (range.type === 1) return [this.lowerBound(range.lower), this.upperBound(range.lower)];
    const start = range.lower === undefined ? 0 : range.lowerOpen ? this.upperBound(range.lower) : this.lowerBound(range.lower);
    const end = range.upper === undefined ? this.pks.length : range.upperOpen ? this.lowerBound(range.upper) : this.upperBound(range.upper);
    return [start, Math.max(start, end)];
  }

  /** Drops every pair of the `dropped` rows (with the keys they had) and adds `added`. */
  update(dropped: Map<string, unknown[]>, added: Pair[]): void {
    let droppedPairs = 0;
    for (const keys of dropped.values()) droppedPairs += keys.length;
    if (droppedPairs + added.length <= SPLICE_LIMIT) {
      for (const [pk, keys] of dropped) {
        for (const key of keys) {
          const at = this.lowerBound(key, pk);
          if (at < this.pks.length && this.pks[at] === pk && compareKeys(this.keys[at], key) === 0) {
            this.keys.splice(at, 1);
            this.pks.splice(at, 1);
          }
        }
      }
      for (const [key, pk] of added) {
        const at = this.lowerBound(key, pk);
        this.keys.splice(at, 0, key);
        this.pks.splice(at, 0, pk);
      }
      return;
    }
    this.merge(dropped, added.sort(comparePairs));
  }

  private merge(dropped: Map<string, unknown[]>, added: Pair[]): void {
    const keys: unknown[] = [];
    const pks: string[] = [];
    let j = 0;
    for (let i = 0; i < this.pks.length; i++) {
      const pk = this.pks[i]!;
      if (dropped.has(pk)) continue;
      const key = this.keys[i];
      // Added pairs that sort before this one go first (compared in place: no pair built per element).
      while (j < added.length) {
        const [k, p] = added[j]!;
        const c = compareKeys(k, key) || compareStrings(p, pk);
        if (c >= 0) break;
        keys.push(k);
        pks.push(p);
        j++;
      }
      keys.push(key);
      pks.push(pk);
    }
    for (; j < added.length; j++) {
      keys.push(added[j]![0]);
      pks.push(added[j]![1]);
    }
    this.keys = keys;
    this.pks = pks;
  }
}
