// Undoing an import must not undo what happened since. Each merged contact's undo record holds the contact as it was
// before the chunk and as the chunk wrote it: a value still as the import wrote it goes back to what it was before,
// one changed since (an edit by hand, a teammate's synced edit, a later import) stays. Nested objects (the profile)
// are compared key by key; lists (emails, tags, phones) as a whole.
import { fromStored, toStored } from './contacts';
import type { FichaDb, StoredContact } from './db';

/** Derived from the others (index keys) or stamped below: never compared. */
const DERIVED = new Set(['emailKeys', 'searchKeys', 'updatedAt']);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `current` with every value the import wrote (`after`) and nobody changed since put back to `before`; keys in `skip`
 * (top level only) are left as they are.
 */
function revertValue(current: unknown, after: unknown, before: unknown, skip: ReadonlySet<string> = new Set()): unknown {
  if (same(current, after)) return before;
  if (!isPlainObject(current) || !isPlainObject(after) || !isPlainObject(before)) return current;
  const out: Record<string, unknown> = { ...current };
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    if (skip.has(key)) continue;
    const value = revertValue(current[key], after[key], before[key]);
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The contact with one chunk's merge undone; `at` stamps the change (it syncs like any edit). */
export function revertMerge(current: StoredContact, after: StoredContact, before: StoredContact, at: number): StoredContact {
  // The derived keys are recomputed by toStored and the stamp replaced, whichever contact they came from.
  const reverted = revertValue(current, after, before, DERIVED) as StoredContact;
  return toStored({ ...fromStored(reverted), updatedAt: at });
}

/**
 * Takes contacts that are gone (erased, or deleted by a teammate) out of every import's undo records: their copies
 * hold personal data, and an undo must neither bring them back nor misalign (`after` lines up with `before` by
 * position, so the same entries go from both). Returns the records changed. Run inside a transaction over the journal.
 */
export function dropFromUndoRecords(db: FichaDb, gone: ReadonlySet<string>): Promise<number> {
  return db.importJournal
    .filter((row) => row.created.some((id) => gone.has(id)) || row.before.some((c) => gone.has(c.id)))
    .modify((row) => {
      const keep = row.before.map((c) => !gone.has(c.id));
      row.created = row.created.filter((id) => !gone.has(id));
      row.before = row.before.filter((_, i) => keep[i]);
      if (row.after) row.after = row.after.filter((_, i) => keep[i]);
    });
}
