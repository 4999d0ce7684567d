// GDPR/CCPA operations on one person (export everything held, erase everything held), the audit log of those
// operations (counts only, never personal data), and retention: activities older than N months deleted.
import { ACTIVITY_TYPES, type Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import type { ConsentLogEntry } from '@/lib/domain/consent';
import type { PrivacyAction, PrivacyAuditEntry } from '@/lib/domain/import-batch';
import type { StageHistoryEntry } from '@/lib/domain/lifecycle';
import type { Deal } from '@/lib/domain/transactions';
import { fromStored } from './contacts';
import { forgetContacts } from './forget';
import { currentCoreTransaction } from './score-buckets';
import { dropStoredTable } from './search-table-store';
import type { FichaDb, PrivacyStateRow } from './db';
import type { SettingsRepository } from './settings';

export interface PersonExport {
  format: 'ficha-person';
  version: 1;
  exportedAt: number;
  contact: Contact;
  activities: Activity[];
  stageHistory: StageHistoryEntry[];
  consentLog: ConsentLogEntry[];
  deals: Deal[];
}

export interface EraseResult {
  erased: boolean;
  counts: Record<string, number>;
  neverLogAdded: string[];
}

export interface RetentionState {
  months: number | null;
  lastRunAt: number | null;
  lastRemoved: number;
}

interface Deps {
  settings: SettingsRepository;
  now?: () => number;
  newId?: () => string;
  user?: string;
}

const RETENTION_CHUNK = 2000;
const DAY = 86_400_000;

const range = (id: string) => [[id, -Infinity], [id, Infinity]] as const;

/**
 * An activity as a person's export gives it: the other people on a logged email are counted, not named (their
 * addresses are their data, not this person's: GDPR art. 15(4)). A stored body is the person's correspondence and
 * stays as it is.
 */
function withoutOthers(activity: Activity, own: ReadonlySet<string>): Activity {
  const participants = activity.data.participants;
  if (!Array.isArray(participants)) return activity;
  const mine = participants.filter((p) => typeof p === 'string' && own.has(p.toLowerCase()));
  return { ...activity, data: { ...activity.data, participants: mine, otherParticipants: participants.length - mine.length } };
}

/** The instant `months` calendar months before `now` (UTC); 31 March minus one month is 28/29 February. */
export function retentionCutoff(now: number, months: number): number {
  const d = new Date(now);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() + (now - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function privacyOps(db: FichaDb, { settings, now = Date.now, newId = () => crypto.randomUUID(), user = '' }: Deps) {
  const audit = (action: PrivacyAction, counts: Record<string, number>) =>
    db.privacyAudit.add({ id: newId(), at: now(), action, by: user || 'me', counts } satisfies PrivacyAuditEntry);

  const retentionRow = async (): Promise<PrivacyStateRow> =>
    (await db.privacyState.get('retention')) ?? { key: 'retention', months: null, lastRunAt: null, lastRemoved: 0 };

  return {
    /** Everything held on the person: record, timeline, stage history, consent log, deals. */
    async exportPerson(contactId: string): Promise<PersonExport | null> {
      return db.transaction('rw', [db.contacts, db.activities, db.stageHistory, db.consentLog, db.deals, db.privacyAudit], async () => {
        const stored = await db.contacts.get(contactId);
        if (!stored) return null;
        const [lo, hi] = range(contactId);
        const [activities, stageHistory, consentLog, deals] = await Promise.all([
          db.activities.where('[targetId+occurredAt]').between(lo, hi).toArray(),
          db.stageHistory.where('[contactId+at]').between(lo, hi).toArray(),
          db.consentLog.where('[contactId+at]').between(lo, hi).toArray(),
          db.deals.where('[contactId+date]').between(lo, hi).toArray(),
        ]);
        await audit('export_person', { contacts: 1, activities: activities.length, consentLog: consentLog.length, deals: deals.length });
        const contact = fromStored(stored);
        const own = new Set(contact.emails.map((e) => e.address.toLowerCase()));
        return { format: 'ficha-person', version: 1, exportedAt: now(), contact, activities: activities.map((a) => withoutOthers(a, own)), stageHistory, consentLog, deals };
      });
    },

    /**
     * Erases the person: contact, activities (emails, notes, stage and score events), stage history, consent log,
     * deals and import-undo snapshots, in one transaction; optionally adds their addresses to never-log. The audit
     * entry keeps counts only.
     */
    async erasePerson(contactId: string, options: { addToNeverLog: boolean }): Promise<EraseResult> {
      const scope = [db.contacts, db.activities, db.stageHistory, db.consentLog, db.deals, db.importJournal, db.privacyAudit, db.settings];
      return db.transaction('rw', scope, async (): Promise<EraseResult> => {
        const stored = await db.contacts.get(contactId);
        if (!stored) return { erased: false, counts: {}, neverLogAdded: [] };
        const counts = { contacts: 1, ...(await forgetContacts(db, new Set([contactId]))) };
        await db.contacts.delete(contactId);
        // The saved search table holds every contact's name and addresses: dropped, it is rebuilt without this one.
        await dropStoredTable(currentCoreTransaction());
        // Sync: with team sync on, the storage middleware (sync-tracking.ts) turns these deletes into tombstones in
        // the outbox, in this same transaction, so the erasure reaches the server and every other replica.
        let neverLogAdded: string[] = [];
        if (options.addToNeverLog) {
          const current = await settings.get();
          neverLogAdded = stored.emailKeys.filter((e) => !current.neverLog.includes(e));
          if (neverLogAdded.length) await settings.update({ neverLog: [...current.neverLog, ...neverLogAdded] });
        }
        await audit('erase', { ...counts, neverLog: neverLogAdded.length });
        return { erased: true, counts, neverLogAdded };
      });
    },

    async auditLog(limit = 50): Promise<PrivacyAuditEntry[]> {
      return db.privacyAudit.orderBy('at').reverse().limit(limit).toArray();
    },

    async retention(): Promise<RetentionState> {
      const { key: _k, ...state } = await retentionRow();
      return state;
    },

    async setRetention(months: number | null): Promise<RetentionState> {
      const row = { ...(await retentionRow()), months };
      await db.privacyState.put(row);
      const { key: _k, ...state } = row;
      return state;
    },

    /** Deletes activities older than the retention period, in chunks (short transactions); reports how many. */
    async runRetention(): Promise<RetentionState & { removed: number }> {
      const row = await retentionRow();
      let removed = 0;
      if (row.months) {
        const cutoff = retentionCutoff(now(), row.months);
        // By type over the [type+occurredAt] index: only the old rows are read, not every activity.
        const old = (
          await Promise.all(ACTIVITY_TYPES.map((type) => db.activities.where('[type+occurredAt]').between([type, -Infinity], [type, cutoff], true, false).primaryKeys()))
        ).flat();
        for (let i = 0; i < old.length; i += RETENTION_CHUNK) {
          const ids = old.slice(i, i + RETENTION_CHUNK);
          await db.transaction('rw', db.activities, () => db.activities.bulkDelete(ids));
          removed += ids.length;
        }
        // A daily run that removed nothing is not an operation worth a line: it would push erasures out of the log.
        if (removed > 0) await audit('retention', { activities: removed, months: row.months });
      }
      const next = { ...row, lastRunAt: now(), lastRemoved: removed };
      await db.privacyState.put(next);
      const { key: _k, ...state } = next;
      return { ...state, removed };
    },

    /** Background start: run retention if it is on and has not run in the last day. */
    async retentionDue(): Promise<boolean> {
      const row = await retentionRow();
      return !!row.months && (row.lastRunAt === null || now() - row.lastRunAt > DAY);
    },
  };
}

export type PrivacyOps = ReturnType<typeof privacyOps>;
