// A contact deleted on another device (an erase, or Delete contact) takes with it what this device still holds about
// them: timeline, stage moves and deals, also rows written here before the delete arrived (removed as tombstones of
// this device, so they go from the server and the rest of the team too), the consent log, copies in import undo
// records, and the saved search table that held their name.
import type { FichaDb } from '../db';
import { forgetContacts } from '../forget';
import { currentCoreTransaction } from '../score-buckets';
import { dropStoredTable } from '../search-table-store';

export async function removeWhatIsLeftOf(db: FichaDb, contactIds: readonly string[]): Promise<void> {
  if (contactIds.length === 0) return;
  // `contacts` is in the scope (nothing of it is written) so the search table's store is too (search-table-tracking).
  const scope = [db.contacts, db.activities, db.stageHistory, db.deals, db.consentLog, db.importJournal];
  await db.transaction('rw', scope, async () => {
    await forgetContacts(db, new Set(contactIds));
    await dropStoredTable(currentCoreTransaction());
  });
}
