// CSV import as one logical batch: chunks commit one transaction each (contacts, companies, scores and the undo
// journal together), numbered so a retried or resumed chunk is a no-op; the batch can be undone as a whole.
import { type Contact, ContactSchema } from '@/lib/domain/contact';
import type { ColumnMapping, CsvFormat, ImportRecord } from '@/lib/domain/csv-mapping';
import { effectiveStatus, type ImportBatch, type ImportCounts, type SavedMapping } from '@/lib/domain/import-batch';
import { contactFromImport, mergeChanged, mergeImport, type MergePolicy } from '@/lib/domain/import-merge';
import { initialStageOf, planStageChange, presetStageSet, stageHistoryEntry, stageMoveActivity, type StageSet } from '@/lib/domain/lifecycle';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import { type Company, CompanySchema } from '@/lib/domain/record';
import { fromStored, toStored } from './contacts';
import { undoImport } from './import-undo';
import { BUCKET_PARTS, idInPart } from './score-buckets-codec';
import type { FichaDb, ImportJournalEntry, StoredContact } from './db';
import { activeScorer } from './scores';
import type { SettingsRepository } from './settings';

export class ImportRefusal extends Error {
  constructor(
    readonly reason: 'not_found' | 'closed' | 'out_of_order',
    message: string,
  ) {
    super(message);
  }
}

export interface BeginImport {
  fileName: string;
  fileSize: number;
  format: CsvFormat;
  policy: MergePolicy;
  mapping: ColumnMapping;
}

export interface ImportChunk {
  batchId: string;
  seq: number;
  records: ImportRecord[];
  /** Rows of this chunk the page rejected (no valid email, …); counted in the batch. */
  rejected: number;
  /** Data rows this chunk covers (accepted + rejected). */
  rows: number;
}

export interface ChunkResult {
  batch: ImportBatch;
  /** Already written before (a retry or a resume): nothing changed. */
  skipped: boolean;
  counts: ImportCounts;
  /** Rows the background refused after merging (the merged record broke a rule, e.g. more than 20 addresses). */
  refused: { row: number; reason: string }[];
}

interface Deps {
  settings: SettingsRepository;
  /** The reason a stage move made by an import shows in the history, in the rep's language. */
  moveReason?: (fileName: string) => string;
  now?: () => number;
  newId?: () => string;
}

/** Journal rows sort by chunk: the key is the zero-padded sequence number. */
const chunkKey = (seq: number) => `#${String(seq).padStart(9, '0')}`;

/** A record read before the chunk's transaction: the new contact it would make (scored when its company was known). */
type Candidate = { contact: Contact; stored: StoredContact | null } | { error: string };

interface Prepared {
  at: number;
  set: StageSet;
  stages: Set<string>;
  candidates: Candidate[];
}

/** Companies seen by the running batch, by domain: most exports repeat a company across many rows. */
const COMPANY_CACHE_MAX = 50_000;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message.slice(0, 200) : 'Invalid record');

export function importService(db: FichaDb, { settings, now = Date.now, newId = () => crypto.randomUUID(), moveReason = (file) => `CSV import: ${file}` }: Deps) {
  // Settings are read before the transaction, so they are not in its scope (a read there would wait for it).
  const chunkScope = [db.contacts, db.companies, db.activities, db.stageHistory, db.importBatches, db.importJournal];
  let companyCache: { batchId: string; rows: Map<string, Company> } = { batchId: '', rows: new Map() };
  const companiesOf = (batchId: string) => {
    if (companyCache.batchId !== batchId || companyCache.rows.size > COMPANY_CACHE_MAX) companyCache = { batchId, rows: new Map() };
    return companyCache.rows;
  };

  async function open(batchId: string): Promise<ImportBatch> {
    const batch = await db.importBatches.get(batchId);
    if (!batch) throw new ImportRefusal('not_found', `No import batch ${batchId}`);
    return batch;
  }

  const storedWithScore = (c: Contact, company: Company | undefined, at: number): StoredContact => {
    const result = activeScorer(db)({ contact: toScoringContact(c, company), activities: [] }, at);
    return toStored({ ...c, leadScore: result.total, leadGrade: result.grade });
  };

  /**
   * The CPU-heavy half of a chunk, run before its transaction opens, so it overlaps the previous chunk's commit: every
   * record as the new contact it would be (validated, and scored and indexed when its company is already known). In
   * the transaction a record whose address someone owns is merged instead and its candidate is dropped.
   */
  async function prepare({ batchId, seq, records }: ImportChunk): Promise<Prepared> {
    const at = now();
    const set = presetStageSet((await settings.get()).stageSet);
    const stages = new Set(set.stages.map((s) => s.id));
    const initial = initialStageOf(set);
    const known = companiesOf(batchId);
    const candidates = records.map((record): Candidate => {
      try {
        const contact = contactFromImport(
          { ...record, stage: record.stage && stages.has(record.stage) ? record.stage : null },
          { id: idInPart(newId, seq % BUCKET_PARTS), now: at, stage: initial },
        );
        const company = contact.companyDomain ? known.get(contact.companyDomain) : undefined;
        const ready = !contact.companyDomain || company !== undefined;
        return { contact, stored: ready ? storedWithScore(contact, company, at) : null };
      } catch (error) {
        return { error: reasonOf(error) };
      }
    });
    return { at, set, stages, candidates };
  }

  async function writeChunk(
    { batchId, seq, records, rejected, rows }: ImportChunk,
    { at, set, stages, candidates }: Prepared,
    learned: Map<string, Company>,
  ): Promise<ChunkResult> {
    const batch = await open(batchId);
    const zero = { imported: 0, merged: 0, rejected: 0 };
    if (batch.status === 'done' || batch.status === 'undoing' || batch.status === 'undone') throw new ImportRefusal('closed', `Import ${batchId} is ${batch.status}`);
    if (seq <= batch.lastSeq) return { batch, skipped: true, counts: zero, refused: [] };
    if (seq !== batch.lastSeq + 1) throw new ImportRefusal('out_of_order', `Chunk ${seq} came before chunk ${batch.lastSeq + 1}`);

    const counts: ImportCounts = { imported: 0, merged: 0, rejected: rejected };
    const refused: ChunkResult['refused'] = [];

    // Who owns each address of the chunk now (one multi-entry index read for the whole chunk).
    const addresses = [...new Set(records.flatMap((r) => r.emails))];
    const found = addresses.length ? await db.contacts.where('emailKeys').anyOf(addresses).toArray() : [];
    const originals = new Map<string, StoredContact>(found.map((c) => [c.id, c]));
    const owner = new Map<string, string>();
    for (const c of found) for (const e of c.emailKeys) owner.set(e, c.id);
    const working = new Map<string, Contact>();
    /** Contacts this chunk creates, with their stored form once it is final (null: score and index below). */
    const created = new Map<string, StoredContact | null>();

    records.forEach((record, i) => {
      const candidate = candidates[i] as Candidate;
      // The row's primary address decides whose row it is: a second address someone else owns must not pull the row
      // into that person (it is left off the new contact instead).
      const ownerId = record.emails[0] === undefined ? undefined : owner.get(record.emails[0]);
      let next: Contact;
      try {
        if (ownerId) {
          const current = working.get(ownerId) ?? fromStored(originals.get(ownerId) as StoredContact);
          const rec = { ...record, stage: record.stage && stages.has(record.stage) ? record.stage : null };
          const free = rec.emails.filter((e) => (owner.get(e) ?? ownerId) === ownerId);
          next = ContactSchema.parse(mergeImport(current, rec, batch.policy, { now: at, freeEmails: free }));
          // A contact created earlier in this chunk changed again: its prepared stored form no longer holds.
          if (created.has(next.id)) created.set(next.id, null);
          counts.merged++;
        } else {
          if ('error' in candidate) throw new Error(candidate.error);
          const owned = new Set(record.emails.filter((e) => owner.has(e)));
          next = owned.size ? { ...candidate.contact, emails: candidate.contact.emails.filter((e) => !owned.has(e.address)) } : candidate.contact;
          created.set(next.id, owned.size ? null : candidate.stored);
          counts.imported++;
        }
      } catch (error) {
        counts.rejected++;
        refused.push({ row: record.row, reason: reasonOf(error) });
        return;
      }
      working.set(next.id, next);
      for (const e of next.emails) owner.set(e.address, next.id);
    });

    const changed = [...working.values()].filter((c) => {
      const original = originals.get(c.id);
      return !original || mergeChanged(fromStored(original), c);
    });

    // Companies: a row for every new domain; an existing row is never overwritten by an import. Domains this batch
    // already saw are not read again; what this chunk learns joins that cache only once the chunk has committed.
    const known = companiesOf(batchId);
    const unknown = [...new Set(changed.map((c) => c.companyDomain).filter((d) => d && !known.has(d)))];
    (await db.companies.bulkGet(unknown)).forEach((row) => row && learned.set(row.domain, row));
    const newCompanies: Company[] = [];
    for (const c of changed) {
      if (!c.companyDomain || known.has(c.companyDomain) || learned.has(c.companyDomain)) continue;
      const row = CompanySchema.safeParse({ domain: c.companyDomain, name: c.company || c.companyDomain });
      if (row.success) {
        learned.set(row.data.domain, row.data);
        newCompanies.push(row.data);
      }
    }

    // Scores: a new contact has no activities, so its score is fit alone (most were computed before the
    // transaction); a contact merged into is rescored with its activities, read for all of them at once.
    const company = (c: Contact) => (c.companyDomain ? (learned.get(c.companyDomain) ?? known.get(c.companyDomain)) : undefined);
    const merged = changed.filter((c) => !created.has(c.id));
    const activities = await Promise.all(
      merged.map((c) => db.activities.where('[targetId+occurredAt]').between([c.id, -Infinity], [c.id, Infinity]).toArray()),
    );
    const scored: StoredContact[] = merged.map((c, i) => {
      const result = activeScorer(db)({ contact: toScoringContact(c, company(c)), activities: activities[i] ?? [] }, at);
      return toStored({ ...c, leadScore: result.total, leadGrade: result.grade });
    });
    for (const c of changed) {
      if (!created.has(c.id)) continue;
      scored.push(created.get(c.id) ?? storedWithScore(c, company(c), at));
    }

    // A stage an overwrite import changed is a move like any other: in the history (the funnel counts it) and on the
    // timeline. Undoing the batch removes both.
    const reason = moveReason(batch.fileName).trim().slice(0, 500);
    const moves = merged.flatMap((c) => {
      const from = (originals.get(c.id) as StoredContact).lifecycleStage;
      if (from === c.lifecycleStage) return [];
      const plan = planStageChange(set, from, c.lifecycleStage, { confirmedBackward: true });
      return [stageHistoryEntry({ id: newId(), contactId: c.id, from, to: c.lifecycleStage, at, by: 'import', reason, direction: plan.ok ? plan.direction : 'lateral' })];
    });
    const moveEvents = moves.map((entry) => stageMoveActivity(entry, { id: newId(), createdBy: 'import' }));

    // Undo journal: one row for the chunk (created ids, and merged contacts as they were before this chunk).
    const journal: ImportJournalEntry = {
      batchId,
      contactId: chunkKey(seq),
      seq,
      created: [...created.keys()],
      before: merged.map((c) => originals.get(c.id) as StoredContact),
      after: scored.slice(0, merged.length),
      ...(moves.length ? { moves: { history: moves.map((m) => m.id), activities: moveEvents.map((a) => a.id) } } : {}),
    };

    if (newCompanies.length) await db.companies.bulkPut(newCompanies);
    await db.contacts.bulkPut(scored);
    if (moves.length) {
      await db.stageHistory.bulkAdd(moves);
      await db.activities.bulkAdd(moveEvents);
    }
    await db.importJournal.put(journal);
    // Sync: the storage middleware (sync-tracking.ts) records these contact writes in the outbox, in this transaction.
    const next: ImportBatch = {
      ...batch,
      status: 'running',
      lastSeq: seq,
      rows: batch.rows + rows,
      updatedAt: at,
      counts: {
        imported: batch.counts.imported + counts.imported,
        merged: batch.counts.merged + counts.merged,
        rejected: batch.counts.rejected + counts.rejected,
      },
    };
    await db.importBatches.put(next);
    return { batch: next, skipped: false, counts, refused };
  }

  return {
    async begin(input: BeginImport): Promise<ImportBatch> {
      const at = now();
      const batch: ImportBatch = {
        id: newId(),
        ...input,
        status: 'running',
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
        lastSeq: -1,
        rows: 0,
        counts: { imported: 0, merged: 0, rejected: 0 },
      };
      await db.importBatches.add(batch);
      return batch;
    },

    /** One chunk, one transaction: a crash leaves whole chunks only, and the batch says how far it got. */
    async chunk(input: ImportChunk): Promise<ChunkResult> {
      const prepared = await prepare(input);
      const learned = new Map<string, Company>();
      const result = await db.transaction('rw', chunkScope, () => writeChunk(input, prepared, learned));
      const known = companiesOf(input.batchId);
      for (const [domain, row] of learned) known.set(domain, row);
      return result;
    },

    async finish(batchId: string): Promise<ImportBatch> {
      return db.transaction('rw', db.importBatches, async () => {
        const batch = await open(batchId);
        if (batch.status === 'undoing' || batch.status === 'undone') throw new ImportRefusal('closed', `Import ${batchId} is ${batch.status}`);
        const at = now();
        const next: ImportBatch = { ...batch, status: 'done', updatedAt: at, finishedAt: at };
        await db.importBatches.put(next);
        return next;
      });
    },

    /** Cancelled (or the page saw an error): the batch is kept, marked partial, to resume or undo. */
    async cancel(batchId: string): Promise<ImportBatch> {
      return db.transaction('rw', db.importBatches, async () => {
        const batch = await open(batchId);
        if (batch.status !== 'running') return batch;
        const next: ImportBatch = { ...batch, status: 'partial', updatedAt: now() };
        await db.importBatches.put(next);
        return next;
      });
    },

    /** Picks a partial batch up again; the page re-reads the file and sends the chunks after `lastSeq`. */
    async resume(batchId: string): Promise<ImportBatch> {
      return db.transaction('rw', db.importBatches, async () => {
        const batch = await open(batchId);
        if (batch.status === 'done' || batch.status === 'undoing' || batch.status === 'undone') throw new ImportRefusal('closed', `Import ${batchId} is ${batch.status}`);
        const next: ImportBatch = { ...batch, status: 'running', updatedAt: now() };
        await db.importBatches.put(next);
        return next;
      });
    },

    /**
     * Undoes the whole batch: contacts it created are deleted (with anything logged to them since), contacts it
     * merged into get their earlier state back (import-undo.ts). Interrupted, it continues where it stopped.
     */
    undo: (batchId: string) => undoImport(db, batchId, { now, newId, open }),

    /** Recent batches, newest first; a running batch not heard from for a minute shows as partial. */
    async list(limit = 20): Promise<ImportBatch[]> {
      const at = now();
      const rows = await db.importBatches.orderBy('startedAt').reverse().limit(limit).toArray();
      return rows.map((b) => ({ ...b, status: effectiveStatus(b, at) }));
    },

    async saveMapping(mapping: Omit<SavedMapping, 'savedAt'>): Promise<SavedMapping> {
      const row = { ...mapping, savedAt: now() };
      await db.importMappings.put(row);
      return row;
    },

    async findMapping(signature: string): Promise<SavedMapping | null> {
      return (await db.importMappings.get(signature)) ?? null;
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
