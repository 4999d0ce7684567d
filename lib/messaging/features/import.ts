// Import, export and privacy-operation messages: CSV import batches (begin, numbered chunks, finish, cancel, resume,
// undo), export pages, and per-person export/erase, the privacy audit log and activity retention.
import { z } from 'zod';
import { IMPORT_FIELDS } from '@/lib/domain/csv-mapping';
import type { ImportBatch, ImportCounts, PrivacyAuditEntry, SavedMapping } from '@/lib/domain/import-batch';
import { ImportRecordSchema, MERGE_POLICIES } from '@/lib/domain/import-merge';
import type { ExportPage } from '@/lib/storage/export';
import type { EraseResult, PersonExport, RetentionState } from '@/lib/storage/privacy-ops';

const Id = z.string().min(1).max(64);
export const MAX_IMPORT_CHUNK = 20_000;
export const ImportRecordsSchema = z.array(ImportRecordSchema).max(MAX_IMPORT_CHUNK);
export const MAX_EXPORT_PAGE = 5000;
const Mapping = z.array(z.enum(IMPORT_FIELDS).nullable()).max(500);
const FORMATS = ['hubspot', 'google', 'google-legacy', 'outlook', 'outlook-com', 'excel-es', 'generic', 'unknown'] as const;

export const importRequests = [
  z.object({
    type: z.literal('import.begin'),
    fileName: z.string().max(500),
    fileSize: z.number().int().nonnegative(),
    format: z.enum(FORMATS),
    policy: z.enum(MERGE_POLICIES).default('fill'),
    mapping: Mapping,
  }),
  z.object({
    type: z.literal('import.chunk'),
    batchId: Id,
    seq: z.number().int().nonnegative(),
    records: z.array(ImportRecordSchema).max(MAX_IMPORT_CHUNK).default([]),
    /** The same records as JSON text (what the page's worker sends: cheaper to pass on than objects); validated alike. */
    recordsJson: z.string().max(64 * 1024 * 1024).optional(),
    /** Or a blob: URL of this extension holding that JSON (made by the import page from its worker's Blob). */
    recordsUrl: z.string().startsWith('blob:').max(300).optional(),
    rejected: z.number().int().nonnegative(),
    rows: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('import.finish'), batchId: Id }),
  z.object({ type: z.literal('import.cancel'), batchId: Id }),
  z.object({ type: z.literal('import.resume'), batchId: Id }),
  z.object({ type: z.literal('import.undo'), batchId: Id }),
  z.object({ type: z.literal('import.batches') }),
  z.object({ type: z.literal('import.saveMapping'), signature: z.string().min(1).max(20_000), name: z.string().max(200), mapping: Mapping }),
  z.object({ type: z.literal('import.findMapping'), signature: z.string().min(1).max(20_000) }),
  z.object({
    type: z.literal('export.page'),
    filter: z
      .object({ stage: z.string().max(40).optional(), grade: z.string().max(2).optional(), tag: z.string().max(60).optional(), owner: z.string().max(254).optional() })
      .default({}),
    after: z.string().max(64).nullable().default(null),
    limit: z.number().int().min(1).max(MAX_EXPORT_PAGE).default(2000),
    full: z.boolean().default(false),
    /** Rows as CSV text built in the background (a quarter of the message size of the records). */
    csv: z.enum([',', ';']).optional(),
    /** Full records (activities, deals) as JSON text built in the background; a page may stop early past 8 MB. */
    json: z.boolean().default(false),
  }),
  z.object({ type: z.literal('privacy.exportPerson'), contactId: Id }),
  z.object({ type: z.literal('privacy.erasePerson'), contactId: Id, addToNeverLog: z.boolean().default(false) }),
  z.object({ type: z.literal('privacy.audit') }),
  z.object({ type: z.literal('privacy.retention') }),
  z.object({ type: z.literal('privacy.setRetention'), months: z.number().int().min(1).max(600).nullable() }),
  z.object({ type: z.literal('privacy.runRetention') }),
] as const satisfies readonly z.ZodObject[];

export interface ImportResponses {
  'import.begin': ImportBatch;
  'import.chunk': { batch: ImportBatch; skipped: boolean; counts: ImportCounts; refused: { row: number; reason: string }[] };
  'import.finish': ImportBatch;
  'import.cancel': ImportBatch;
  'import.resume': ImportBatch;
  'import.undo': { batch: ImportBatch; removed: number; restored: number };
  'import.batches': ImportBatch[];
  'import.saveMapping': SavedMapping;
  'import.findMapping': SavedMapping | null;
  'export.page': ExportPage;
  'privacy.exportPerson': PersonExport;
  'privacy.erasePerson': EraseResult;
  'privacy.audit': PrivacyAuditEntry[];
  'privacy.retention': RetentionState;
  'privacy.setRetention': RetentionState;
  'privacy.runRetention': RetentionState & { removed: number };
}
