// Drives one import: opens (or resumes) the batch, sends each parsed chunk to the background in order, keeps the
// rejected rows for the error report, reports progress, and on cancel or failure leaves the batch marked partial.
import type { ColumnMapping, CsvFormat } from '@/lib/domain/csv-mapping';
import type { PipelineChunk, RejectedRow } from '@/lib/domain/csv-pipeline';
import type { ImportBatch, ImportCounts } from '@/lib/domain/import-batch';
import type { MergePolicy } from '@/lib/domain/import-merge';
import { send } from '@/lib/messaging/client';
import { FichaError } from '@/lib/messaging/errors';

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  counts: ImportCounts;
  startedAt: number;
  /** When this progress was measured. */
  at: number;
}

export type ImportStart =
  | { fileName: string; fileSize: number; format: CsvFormat; policy: MergePolicy; mapping: ColumnMapping }
  | { resumeBatchId: string };

export interface ImportOutcome {
  batch: ImportBatch;
  rejected: RejectedRow[];
  cancelled: boolean;
}

export async function runImport(
  start: ImportStart,
  chunks: AsyncIterable<PipelineChunk>,
  hooks: { onBatch?: (batch: ImportBatch) => void; onProgress?: (p: ImportProgress) => void; signal?: AbortSignal } = {},
): Promise<ImportOutcome> {
  let batch =
    'resumeBatchId' in start
      ? await send<'import.resume'>({ type: 'import.resume', batchId: start.resumeBatchId })
      : await send<'import.begin'>({ type: 'import.begin', ...start });
  hooks.onBatch?.(batch);
  const rejected: RejectedRow[] = [];
  const startedAt = Date.now();
  let rows = 0;
  // A chunk's Blob is lent to the background by URL until the chunk is written (or the import stops).
  const urls = new Map<PipelineChunk, string>();
  const urlOf = (chunk: PipelineChunk, blob: Blob) => urls.get(chunk) ?? (urls.set(chunk, URL.createObjectURL(blob)), urls.get(chunk) as string);
  const release = (chunk: PipelineChunk) => {
    const url = urls.get(chunk);
    if (url) URL.revokeObjectURL(url);
    urls.delete(chunk);
  };
  const write = (chunk: PipelineChunk) =>
    send<'import.chunk'>({
      type: 'import.chunk',
      batchId: batch.id,
      seq: chunk.seq,
      ...(chunk.recordsBlob
        ? { recordsUrl: urlOf(chunk, chunk.recordsBlob) }
        : chunk.recordsJson === undefined
          ? { records: chunk.records }
          : { recordsJson: chunk.recordsJson }),
      rejected: chunk.rejected.length,
      rows: chunk.rows,
    });
  const recordsOf = async (chunk: PipelineChunk): Promise<PipelineChunk['records']> => {
    if (chunk.recordsBlob) return JSON.parse(await chunk.recordsBlob.text()) as PipelineChunk['records'];
    return chunk.recordsJson ? (JSON.parse(chunk.recordsJson) as PipelineChunk['records']) : chunk.records;
  };
  // Two chunks in flight: the next one is on its way (read, validated, prepared) while the background writes this one.
  // The background writes them in sequence order; one that overtook its predecessor is sent again after it.
  let previous: Promise<void> = Promise.resolve();
  try {
    for await (const chunk of chunks) {
      if (hooks.signal?.aborted) break;
      rows += chunk.rows;
      if (chunk.seq <= batch.lastSeq) {
        // Written before this resume; its rows the page rejected still belong in this run's error report.
        rejected.push(...chunk.rejected);
        continue;
      }
      const before = previous;
      const request = write(chunk);
      const seenRows = rows;
      previous = (async () => {
        let result: Awaited<ReturnType<typeof write>>;
        try {
          result = await request;
        } catch (error) {
          await before;
          if (!(error instanceof FichaError && (error.details as { reason?: string } | undefined)?.reason === 'out_of_order')) throw error;
          result = await write(chunk);
        }
        release(chunk); // answered (the retry too): the background has read the records

        await before;
        batch = result.batch;
        rejected.push(...chunk.rejected);
        const records = result.refused.length ? await recordsOf(chunk) : [];
        const byRow = new Map(records.map((r) => [r.row, r]));
        for (const refusal of result.refused) rejected.push({ row: refusal.row, reason: refusal.reason, cells: byRow.get(refusal.row)?.emails ?? [] });
        hooks.onProgress?.({ rows: seenRows, bytesRead: chunk.bytesRead, counts: batch.counts, startedAt, at: Date.now() });
      })();
      previous.catch(() => undefined); // awaited below; this only keeps an early failure from being reported as unhandled
      await before;
    }
    await previous;
  } catch (error) {
    await previous.catch(() => undefined);
    for (const chunk of [...urls.keys()]) release(chunk);
    await send<'import.cancel'>({ type: 'import.cancel', batchId: batch.id }).catch(() => undefined);
    throw error;
  }
  if (hooks.signal?.aborted) {
    batch = await send<'import.cancel'>({ type: 'import.cancel', batchId: batch.id });
    return { batch, rejected, cancelled: true };
  }
  batch = await send<'import.finish'>({ type: 'import.finish', batchId: batch.id });
  return { batch, rejected: rejected.sort((a, b) => a.row - b.row), cancelled: false };
}
