// The import pipeline's pure half: a CSV byte stream → numbered chunks of import records and rejected rows. Runs in
// a worker in the extension (and directly in tests and the bench); the page sends each chunk to the background.
import { autoMap, type ColumnMapping, type CsvFormat, detectFormat, type ImportRecord, mapRow, mappingHasEmail } from './csv-mapping';
import { type CsvMeta, type CsvReadOptions, readCsv } from './csv-parse';

export interface RejectedRow {
  row: number;
  reason: string;
  cells: string[];
}

export interface PipelineChunk {
  seq: number;
  records: ImportRecord[];
  rejected: RejectedRow[];
  /** Data rows in this chunk. */
  rows: number;
  bytesRead: number;
  /** The records as JSON text, when `records` was emptied to cross threads cheaply (one string, not 2,000 objects). */
  recordsJson?: string;
  /**
   * The records as a Blob of JSON text (what the page's CSV worker hands over): the page passes the background only a
   * blob: URL for it, so the records never go through the page's main thread or the extension messaging's JSON.
   */
  recordsBlob?: Blob;
}

export interface Inspection extends CsvMeta {
  format: CsvFormat;
  mapping: ColumnMapping;
  /** Whether the automatic mapping can run without the mapping screen. */
  recognised: boolean;
  preview: string[][];
}

/** Reads just the start of the file: encoding, delimiter, header, detected format, automatic mapping, 5 preview rows. */
export async function inspectCsv(head: ReadableStream<Uint8Array>): Promise<Inspection> {
  let meta: CsvMeta | null = null;
  const preview: string[][] = [];
  for await (const batch of readCsv(head, (m) => (meta = m), { batchRows: 5 })) {
    preview.push(...batch.rows.map((r) => r.cells));
    if (preview.length >= 5) break;
  }
  const m = (meta ?? { encoding: 'utf-8', delimiter: ',', header: [] }) as CsvMeta;
  const format = detectFormat(m.header, m.delimiter);
  const mapping = autoMap(m.header, format);
  return { ...m, format, mapping, recognised: format !== 'unknown' && mappingHasEmail(mapping), preview: preview.slice(0, 5) };
}

export interface PipelineOptions extends CsvReadOptions {
  /** The mapping to use; the automatic one when absent. */
  mapping?: ColumnMapping | null;
  onMeta?: (meta: CsvMeta & { format: CsvFormat; mapping: ColumnMapping }) => void;
}

export async function* importChunks(source: ReadableStream<Uint8Array>, options: PipelineOptions = {}): AsyncGenerator<PipelineChunk> {
  let mapping: ColumnMapping = [];
  let dayFirst = false;
  let seq = 0;
  const onMeta = (meta: CsvMeta) => {
    const format = detectFormat(meta.header, meta.delimiter);
    mapping = options.mapping ?? autoMap(meta.header, format);
    dayFirst = format === 'excel-es' || meta.delimiter === ';';
    options.onMeta?.({ ...meta, format, mapping });
  };
  for await (const batch of readCsv(source, onMeta, options)) {
    const records: ImportRecord[] = [];
    const rejected: RejectedRow[] = [];
    for (const { row, cells } of batch.rows) {
      const result = mapRow(row, cells, mapping, { dayFirst });
      if (result.ok) records.push(result.record);
      else rejected.push({ row, reason: result.reason, cells: cells.map((c) => c.slice(0, 1000)) });
    }
    yield { seq: seq++, records, rejected, rows: batch.rows.length, bytesRead: batch.bytesRead };
  }
}
