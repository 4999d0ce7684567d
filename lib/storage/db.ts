// The one Dexie database. It lives in the background worker only: a content script would open the page's IndexedDB.
import Dexie, { type EntityTable } from 'dexie';
import type { Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import type { ConsentLogEntry } from '@/lib/domain/consent';
import type { StageHistoryEntry } from '@/lib/domain/lifecycle';
import type { Settings } from '@/lib/domain/settings';

/** A contact as stored: the record plus derived index keys. */
export interface StoredContact extends Contact {
  /** Normalised addresses (multi-entry index): lookup by any of the contact's emails. */
  emailKeys: string[];
  /** Folded words (multi-entry index): prefix search by name, company or address. */
  searchKeys: string[];
}

export const DB_NAME = 'ficha';

export class FichaDb extends Dexie {
  contacts!: EntityTable<StoredContact, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  stageHistory!: EntityTable<StageHistoryEntry, 'id'>;
  consentLog!: EntityTable<ConsentLogEntry, 'id'>;
  settings!: EntityTable<{ key: 'settings'; value: Settings }, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      contacts: 'id, *emailKeys, *searchKeys, updatedAt',
    });
    // v2: the timeline. `&key` makes a replayed event (same message logged twice, two tabs, sync) a no-op.
    this.version(2).stores({
      activities: 'id, &key, [targetId+occurredAt], type',
    });
    // v3: every lifecycle move, for the stage history and funnel conversion.
    this.version(3).stores({
      stageHistory: 'id, [contactId+at]',
    });
    // v4: the consent audit log and the background-enforced settings (one row).
    this.version(4).stores({
      consentLog: 'id, [contactId+at]',
      settings: 'key',
    });
  }
}
