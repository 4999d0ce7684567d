// The one Dexie database. It lives in the background worker only: a content script would open the page's IndexedDB.
import Dexie, { type EntityTable } from 'dexie';
import type { Activity } from '@/lib/domain/activity';
import type { Contact } from '@/lib/domain/contact';
import type { ConsentLogEntry } from '@/lib/domain/consent';
import type { StageHistoryEntry } from '@/lib/domain/lifecycle';
import type { Company } from '@/lib/domain/record';
import type { ScoringModel } from '@/lib/domain/scoring-model';
import type { Settings } from '@/lib/domain/settings';
import type { Deal } from '@/lib/domain/transactions';
import type { CtaTemplate } from '@/lib/domain/template-schema';
import type { TemplateUsage } from '@/lib/domain/template-rank';
import type { ImportBatch, PrivacyAuditEntry, SavedMapping } from '@/lib/domain/import-batch';
import { rebucketScoreBuckets, rebuildScoreBuckets, type ScoreBucketRow, stagesByContact } from './score-buckets';
import { installScoreBuckets } from './score-buckets-middleware';
import { rebuildTallies, type TallyRow } from './tallies';
import { installTallies } from './tallies-middleware';
import { installSearchTableTracking } from './search-table-tracking';
import type { SearchTableRow } from './search-table-store';
import { installContactPages } from './contact-pages/middleware';
import { moveContactsToPages } from './contact-pages/migrate';
import { installSyncTracking, type OutboxRow, type SyncStateRow } from './sync-tracking';

/** A contact as stored: the record plus derived index keys. */
export interface StoredContact extends Contact {
  /** Normalised addresses (multi-entry index): lookup by any of the contact's emails. */
  emailKeys: string[];
  /** Folded words (multi-entry index): prefix search by name, company or address. */
  searchKeys: string[];
}

export const DB_NAME = 'ficha';
/** The contact index read as soon as the database opens (with the ids): the lookup's. The others load on first use. */
const WARM_CONTACT_INDEXES = ['emailKeys'];

/** Rows of the key-value settings table. */
export type SettingsRow =
  | { key: 'settings'; value: Settings }
  | { key: 'scoringModel'; value: ScoringModel; rescored: boolean }
  // Set once the default templates were offered: a rep who deletes them does not get them back on restart.
  | { key: 'templatesSeeded'; value: true };

/**
 * What undoing one chunk of an import needs: the contacts it created, and the contacts it merged into as they were
 * before and as the chunk wrote them (import-undo.ts keeps what changed since). One row per chunk (`contactId` holds the zero-padded chunk key, so rows sort in chunk order); undone in
 * reverse chunk order, a contact touched by several chunks ends as it was before the batch.
 */
export interface ImportJournalEntry {
  batchId: string;
  contactId: string;
  seq: number;
  created: string[];
  before: StoredContact[];
  /** The merged contacts as the chunk wrote them, in `before`'s order (absent in rows of earlier versions). */
  after?: StoredContact[];
  /** Stage moves the chunk made in merged contacts: their history entries and timeline events. */
  moves?: { history: string[]; activities: string[] };
}

/** Privacy settings and state: activity retention (months, null = keep) and when it last ran. */
export type PrivacyStateRow = { key: 'retention'; months: number | null; lastRunAt: number | null; lastRemoved: number };

export class FichaDb extends Dexie {
  contacts!: EntityTable<StoredContact, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  stageHistory!: EntityTable<StageHistoryEntry, 'id'>;
  consentLog!: EntityTable<ConsentLogEntry, 'id'>;
  settings!: EntityTable<SettingsRow, 'key'>;
  companies!: EntityTable<Company, 'domain'>;
  deals!: EntityTable<Deal, 'id'>;
  templates!: EntityTable<CtaTemplate, 'id'>;
  templateUsage!: EntityTable<TemplateUsage, 'templateId'>;
  importBatches!: EntityTable<ImportBatch, 'id'>;
  importJournal!: Dexie.Table<ImportJournalEntry, [string, string]>;
  importMappings!: EntityTable<SavedMapping, 'signature'>;
  privacyAudit!: EntityTable<PrivacyAuditEntry, 'id'>;
  privacyState!: EntityTable<PrivacyStateRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  syncState!: Dexie.Table<SyncStateRow, string>;
  scoreBuckets!: EntityTable<ScoreBucketRow, 'bucket'>;
  tallies!: EntityTable<TallyRow, 'key'>;
  searchTable!: EntityTable<SearchTableRow, 'key'>;

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
    // v5: the Company entity (keyed by domain, shared by its contacts) and deals (transactional data).
    this.version(5).stores({
      companies: 'domain, name',
      deals: 'id, [contactId+date], status',
    });
    // v6: contacts by company domain, so a company edit reaches (renames, rescores) every contact it is shared by.
    this.version(6).stores({
      contacts: 'id, *emailKeys, *searchKeys, updatedAt, companyDomain',
    });
    // v7: CTA templates and how often this rep inserted each (ranking; usage is personal, never synced).
    this.version(7).stores({
      templates: 'id, order',
      templateUsage: 'templateId',
    });
    // v8: CSV import batches with their undo journal (the contact as it was before the batch touched it), saved
    // column mappings, the privacy audit log (no personal data) and privacy settings such as activity retention.
    this.version(8).stores({
      importBatches: 'id, startedAt',
      importJournal: '[batchId+contactId], batchId, contactId',
      importMappings: 'signature',
      privacyAudit: 'id, at',
      privacyState: 'key',
    });
    // v9: team sync. The outbox of local changes not yet acknowledged by the server (written by the DBCore
    // middleware in the same transaction as each change, lib/storage/sync-tracking.ts) and the sync state rows.
    this.version(9).stores({
      outbox: '++seq, [entity+id]',
      syncState: 'key',
    });
    // v10: the dashboard counts through indexes instead of scanning: contacts by stage, grade and score, activities
    // by type over time, stage moves and deals by date.
    this.version(10).stores({
      contacts: 'id, *emailKeys, *searchKeys, updatedAt, companyDomain, lifecycleStage, leadGrade, leadScore',
      activities: 'id, &key, [targetId+occurredAt], type, [type+occurredAt]',
      stageHistory: 'id, [contactId+at], at',
      deals: 'id, [contactId+date], status, date',
    });
    // v11: scores and the activities' scoring digest packed per bucket of contacts (lib/storage/score-buckets.ts), so
    // a full rescore reads and writes a few hundred rows instead of every activity and contact. The contacts' score
    // indexes go (the dashboard counts from the buckets in memory). The upgrade builds the buckets from the stored
    // scores and every activity: about 1 s per 10,000 activities, once.
    this.version(11)
      .stores({
        contacts: 'id, *emailKeys, *searchKeys, updatedAt, companyDomain, lifecycleStage',
        scoreBuckets: 'bucket',
      })
      .upgrade((tx) => rebuildScoreBuckets(tx.table('contacts'), tx.table('activities'), tx.table('scoreBuckets')));
    // v12: the dashboard's counters (lib/storage/tallies.ts): contacts per stage, owner and tag, activities per type
    // and day, kept on every write, so the dashboard opens without counting 1,000,000 rows. The upgrade counts every
    // contact and activity once.
    this.version(12)
      .stores({ tallies: 'key' })
      .upgrade((tx) => rebuildTallies(tx.table('contacts'), tx.table('activities'), tx.table('tallies')));
    // v13: the contact search table kept between worker starts (lib/storage/search-table-store.ts), with the ids of
    // contacts written since it was saved. Empty at first: the first search after the upgrade builds and saves it.
    this.version(13).stores({ searchTable: 'key' });
    // v14: four times as many score buckets, each a quarter the size (score-buckets-codec.ts), and each contact's
    // stage in its entry (search result lines from memory); the rows are split, the stages read from their index.
    this.version(14)
      .stores({})
      .upgrade(async (tx) => rebucketScoreBuckets(tx.table('scoreBuckets'), await stagesByContact(tx.table('contacts'))));
    // v15: contacts packed 64 to a row (lib/storage/contact-pages/): one row per contact, with five indexes, made an
    // import or first pull of 100,000 contacts cost ~20 s of IndexedDB writes alone. A middleware answers every
    // request on `contacts` from the pages; the upgrade moves the rows (about 7 s for 100,000 contacts, once).
    this.version(15).stores({ contactPages: 'page', contactKeys: 'page', contactKeysCold: 'page' }).upgrade(moveContactsToPages(WARM_CONTACT_INDEXES));
    installContactPages(this, { warmIndexes: WARM_CONTACT_INDEXES });
    installScoreBuckets(this);
    installTallies(this);
    installSyncTracking(this);
    installSearchTableTracking(this);
  }
}
