// One import is one logical batch: counts, where it got to (chunk sequence), and its state. Also the privacy audit
// entry, which by design holds no personal data (no names, addresses or contact ids).
import type { ColumnMapping, CsvFormat } from './csv-mapping';
import type { MergePolicy } from './import-merge';

/** `undoing`: an undo started and was interrupted; only undo can go on (a resume would skip undone chunks). */
export type ImportBatchStatus = 'running' | 'partial' | 'done' | 'undoing' | 'undone';

export interface ImportCounts {
  imported: number;
  merged: number;
  rejected: number;
}

export interface ImportBatch {
  id: string;
  fileName: string;
  fileSize: number;
  format: CsvFormat;
  policy: MergePolicy;
  mapping: ColumnMapping;
  status: ImportBatchStatus;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** The last chunk written (chunks are numbered from 0); a resumed import skips up to here. */
  lastSeq: number;
  /** Data rows read up to the last written chunk. */
  rows: number;
  counts: ImportCounts;
}

/** A running batch not heard from for this long was interrupted (page closed, browser crashed): it is partial. */
export const STALE_BATCH_MS = 60_000;

export function effectiveStatus(batch: ImportBatch, now: number): ImportBatchStatus {
  return batch.status === 'running' && now - batch.updatedAt > STALE_BATCH_MS ? 'partial' : batch.status;
}

export type PrivacyAction = 'erase' | 'export_person' | 'retention' | 'import_undo';

export interface PrivacyAuditEntry {
  id: string;
  at: number;
  action: PrivacyAction;
  by: string;
  /** What was affected, as counts only ("activities: 12"). */
  counts: Record<string, number>;
}

/** Saved column mapping for a header set, reused when the same layout comes again. */
export interface SavedMapping {
  signature: string;
  name: string;
  mapping: ColumnMapping;
  savedAt: number;
}
