// Undoing an import (undoImport, below) must not undo what happened since. Each merged contact's undo record holds
// the contact as it was before the chunk and as the chunk wrote it: a value still as the import wrote it goes back to
// what it was before, one changed since (an edit by hand, a teammate's synced edit, a later import) stays. Nested
// objects (the profile) are compared key by key; lists (emails, tags, phones) as a whole.
import type { ImportBatch } from '@/lib/domain/import-batch';
import { fromStored, toStored } from './contacts';
import type { FichaDb, ImportJournalEntry, StoredContact } from './db';

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

export interface UndoDeps {
  now: () => number;
  newId: () => string;
  /** The batch, or a refusal when there is none. */
  open: (batchId: string) => Promise<ImportBatch>;
}

/**
 * Undoes a whole import batch: contacts it created are deleted (with anything logged to them since), contacts it
 * merged into get their earlier state back. Runs chunk by chunk, newest first; interrupted, it continues where it
 * stopped.
 */
export async function undoImport(db: FichaDb, batchId: string, { now, newId, open }: UndoDeps): Promise<{ batch: ImportBatch; removed: number; restored: number }> {
  // Marked first: an undo cut off half-way can only be carried on, never resumed as if its chunks were there.
  const undoing = await db.transaction('rw', db.importBatches, async () => {
    const batch = await open(batchId);
    if (batch.status !== 'undoing' && batch.status !== 'undone') await db.importBatches.put({ ...batch, status: 'undoing', updatedAt: now() });
    return batch;
  });
  // Later imports still standing: their undo records saw this batch's values as "before", and must not bring
  // them back once this batch is undone (see rebaseLater).
  const later = (await db.importBatches.where('startedAt').aboveOrEqual(undoing.startedAt).toArray())
    .filter((b) => b.id !== batchId && b.status !== 'undone')
    .map((b) => b.id);
  let removed = 0;
  let restored = 0;
  const chunks = db.importJournal.where('[batchId+contactId]').between([batchId, ''], [batchId, '\uffff']);
  for (;;) {
    const done = await db.transaction('rw', [db.contacts, db.activities, db.stageHistory, db.deals, db.importJournal], async () => {
      const entry = await chunks.clone().last();
      if (!entry) return true;
      for (const id of entry.created) {
        await db.activities.where('[targetId+occurredAt]').between([id, -Infinity], [id, Infinity]).delete();
        await db.stageHistory.where('[contactId+at]').between([id, -Infinity], [id, Infinity]).delete();
        await db.deals.where('[contactId+date]').between([id, -Infinity], [id, Infinity]).delete();
      }
      await db.contacts.bulkDelete(entry.created);
      if (entry.moves) {
        await db.stageHistory.bulkDelete(entry.moves.history);
        await db.activities.bulkDelete(entry.moves.activities);
      }
      // A merged contact erased since stays erased; what changed in it since the import stays too.
      const still = await db.contacts.bulkGet(entry.before.map((c) => c.id));
      const at = now();
      const restore = entry.before.flatMap((before, i) => {
        const current = still[i];
        if (!current) return [];
        const after = entry.after?.[i];
        return [after ? revertMerge(current, after, before, at) : before];
      });
      await db.contacts.bulkPut(restore);
      if (later.length && entry.after?.length) await rebaseLater(db, later, entry);
      // Sync: these deletes and restores reach the outbox through the storage middleware, like any write.
      await db.importJournal.delete([entry.batchId, entry.contactId]);
      removed += entry.created.length;
      restored += restore.length;
      return false;
    });
    if (done) break;
  }
  const batch = await db.transaction('rw', db.importBatches, db.privacyAudit, async () => {
    const current = await open(batchId);
    const next: ImportBatch = { ...current, status: 'undone', updatedAt: now(), finishedAt: now() };
    await db.importBatches.put(next);
    // Counted in the audit log like the other bulk removals, with counts only (no names, addresses or ids).
    if (current.status !== 'undone') await db.privacyAudit.add({ id: newId(), at: now(), action: 'import_undo', by: 'me', counts: { removed, restored } });
    return next;
  });
  return { batch, removed, restored };
}

/**
 * A later batch's undo record holds contacts as they were before it, this chunk's values included. With this chunk
 * undone, those values become what this chunk found (where the later batch had not changed them), so undoing the
 * later batch afterwards gives the contacts as they were before both.
 */
async function rebaseLater(db: FichaDb, later: string[], undone: ImportJournalEntry): Promise<void> {
  const at = new Map(undone.before.map((c, i) => [c.id, i]));
  for (const batchId of later) {
    const rows = await db.importJournal.where('batchId').equals(batchId).toArray();
    for (const row of rows) {
      let touched = false;
      const before = row.before.map((c) => {
        const i = at.get(c.id);
        if (i === undefined) return c;
        touched = true;
        return revertMerge(c, undone.after![i]!, undone.before[i]!, c.updatedAt);
      });
      if (touched) await db.importJournal.put({ ...row, before });
    }
  }
}
