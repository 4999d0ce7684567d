// Messages between the import page and its CSV worker.
import type { ColumnMapping } from '@/lib/domain/csv-mapping';
import type { Inspection, PipelineChunk } from '@/lib/domain/csv-pipeline';

export type WorkerIn =
  | { type: 'inspect'; file: File }
  | { type: 'run'; file: File; mapping: ColumnMapping; chunkRows: number }
  | { type: 'ack' }
  | { type: 'cancel' };

export type WorkerOut = { type: 'inspected'; inspection: Inspection } | { type: 'chunk'; chunk: PipelineChunk } | { type: 'end' } | { type: 'error'; message: string };
