// What is held about contacts besides their own rows: timeline, stage moves, consent log, deals, and their copies in
// import undo records. One place for the privacy erase and for a delete pulled from the team (sync/erased-elsewhere.ts).
// Run inside a read-write transaction over those tables.
import type { FichaDb } from './db';
import { dropFromUndoRecords } from './import-undo';

export interface Forgotten {
  activities: number;
  stageHistory: number;
  consentLog: number;
  deals: number;
  importSnapshots: number;
}

export async function forgetContacts(db: FichaDb, ids: ReadonlySet<string>): Promise<Forgotten> {
  const counts: Forgotten = { activities: 0, stageHistory: 0, consentLog: 0, deals: 0, importSnapshots: 0 };
  for (const id of ids) {
    const lo = [id, -Infinity];
    const hi = [id, Infinity];
    counts.activities += await db.activities.where('[targetId+occurredAt]').between(lo, hi).delete();
    counts.stageHistory += await db.stageHistory.where('[contactId+at]').between(lo, hi).delete();
    counts.consentLog += await db.consentLog.where('[contactId+at]').between(lo, hi).delete();
    counts.deals += await db.deals.where('[contactId+date]').between(lo, hi).delete();
  }
  counts.importSnapshots = await dropFromUndoRecords(db, ids);
  return counts;
}
