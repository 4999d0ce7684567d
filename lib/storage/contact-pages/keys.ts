// IndexedDB key order and validity, for the contact pages' in-memory indexes (directory.ts): the same order and the
// same "is this a key" rule as the store they replace, so a range query answers exactly as IndexedDB's would.
import { cmp } from 'dexie';

/** Two strings in IndexedDB's order (by UTF-16 code unit, as `<` does): primary keys, and string index keys. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** IndexedDB's order: numbers < dates < strings < binary < arrays. */
export function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cmp(a, b);
}

/** Whether IndexedDB would index `value` (anything else is left out of the index, as IndexedDB does). */
export function isValidKey(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (Array.isArray(value)) return value.every(isValidKey);
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** The keys one row gives an index: a multi-entry index takes each distinct valid element of an array. */
export function indexKeys(value: unknown, multiEntry: boolean): unknown[] {
  if (!multiEntry) return isValidKey(value) ? [value] : [];
  if (!Array.isArray(value)) return isValidKey(value) ? [value] : [];
  const keys: unknown[] = [];
  for (const v of value) {
    if (!isValidKey(v)) continue;
    if (typeof v === 'string' || typeof v === 'number' ? !keys.includes(v) : !keys.some((k) => compareKeys(k, v) === 0)) keys.push(v);
  }
  return keys;
}
