// Streaming CSV reading: bytes → text (encoding sniffed, decoded by TextDecoder) → rows (papaparse's parser, chunk by
// chunk). Never holds the whole file as one string; a row is never split across chunks. Pure: no DOM, no storage.
import Papa from 'papaparse';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type CsvDelimiter = ',' | ';' | '\t';

/** BOM first; then strict UTF-8 over the sample (a cut multi-byte sequence at its end is fine); else Windows-1252. */
export function detectEncoding(sample: Uint8Array): { encoding: CsvEncoding; bom: number } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/**
 * The encoding of the whole file. A file without a byte order mark that reads as UTF-8 at its start may still hold a
 * Windows-1252 byte much later (one accented name in row 5,000), which the streaming reader, sniffing only the start,
 * would decode as U+FFFD. So a UTF-8 guess is checked to the end before any row is read (TextDecoder checks hundreds of
 * MB a second: a 50 MB file costs a fraction of a second).
 */
export async function fileEncoding(stream: ReadableStream<Uint8Array>): Promise<CsvEncoding> {
  const reader = stream.getReader();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  // Accented text already read as valid UTF-8: a later bad byte then means a mixed file, better read as UTF-8 (one
  // row wrong) than as Windows-1252 (every accented name before it garbled).
  let sawMultibyte = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        utf8.decode();
        return 'utf-8';
      }
      if (first && value.length >= 2) {
        first = false;
        const marked = detectEncoding(value);
        if (marked.bom > 0) return marked.encoding;
      }
      // Fewer characters than bytes: the decoder met a multi-byte sequence (ASCII is one character per byte).
      sawMultibyte ||= utf8.decode(value, { stream: true }).length < value.length;
    }
  } catch {
    return sawMultibyte ? 'utf-8' : 'windows-1252';
  } finally {
    void reader.cancel().catch(() => undefined);
  }
}

/** The delimiter that splits the header line (outside quotes) into the most cells; ties go to the comma. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  let best: CsvDelimiter = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
    else if (!quoted && ch === '\n') return '\n';
  }
  return '\n';
}

export interface CsvRow {
  /** 1-based record number in the file; the header is record 1. */
  row: number;
  cells: string[];
}

export interface CsvReadOptions {
  /** Rows per yielded batch. */
  batchRows?: number;
  /** A row longer than this (an unterminated quote swallowing the file) is cut off and parsed as it stands. */
  maxRowChars?: number;
  encoding?: CsvEncoding;
  signal?: AbortSignal;
}

export interface CsvMeta {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header: string[];
}

export interface CsvBatch {
  rows: CsvRow[];
  /** Bytes read so far (for progress and ETA). */
  bytesRead: number;
}

const NUL = String.fromCharCode(0);
const cleanCell = (cell: string) => (cell.includes(NUL) ? cell.split(NUL).join('') : cell);

/**
 * Reads a CSV byte stream: `onMeta` once with encoding, delimiter and header, then batches of data rows. Blank lines
 * are skipped; NUL bytes are dropped; cells keep their text verbatim (quotes resolved).
 */
export async function* readCsv(
  source: ReadableStream<Uint8Array>,
  onMeta: (meta: CsvMeta) => void,
  options: CsvReadOptions = {},
): AsyncGenerator<CsvBatch> {
  const batchRows = options.batchRows ?? 2000;
  const maxRowChars = options.maxRowChars ?? 1_000_000;
  const reader = source.getReader();
  let decoder: TextDecoder | null = null;
  let parser: Papa.Parser | null = null;
  let pending = new Uint8Array(0);
  let partial = '';
  let bytesRead = 0;
  let rowNumber = 0;
  let header: string[] | null = null;
  let out: CsvRow[] = [];

  const take = (data: string[][]) => {
    for (const raw of data) {
      if (raw.length === 1 && raw[0]?.trim() === '') continue; // blank line
      const cells = raw.map(cleanCell);
      rowNumber++;
      if (!header) {
        header = cells.map((h, i) => (i === 0 ? h.replace(/^\ufeff/, '') : h).trim());
        continue;
      }
      out.push({ row: rowNumber, cells });
    }
  };

  const parseText = (text: string, final: boolean) => {
    if (!decoder || !parser) return;
    const aggregate = partial + text;
    if (!aggregate) return;
    const result = parser.parse(aggregate, 0, !final) as { data: string[][]; meta: { cursor: number } };
    take(result.data);
    partial = final ? '' : aggregate.slice(result.meta.cursor);
    if (partial.length > maxRowChars) {
      // One row alone exceeds the cap: parse it as it stands so it is reported instead of growing forever.
      const cut = parser.parse(partial, 0, false) as { data: string[][] };
      take(cut.data);
      partial = '';
    }
  };

  const start = (bytes: Uint8Array) => {
    const detected = detectEncoding(bytes);
    const encoding = options.encoding ?? detected.encoding;
    decoder = new TextDecoder(encoding);
    const skip = options.encoding && options.encoding !== detected.encoding ? 0 : detected.bom;
    const first = decoder.decode(bytes.subarray(skip), { stream: true });
    const delimiter = detectDelimiter(first);
    parser = new Papa.Parser({ delimiter, newline: detectNewline(first), quoteChar: '"' });
    parseText(first, false);
    return { encoding, delimiter };
  };

  let meta: { encoding: CsvEncoding; delimiter: CsvDelimiter } | null = null;
  let metaSent = false;
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      const { done, value } = await reader.read();
      if (value) {
        bytesRead += value.byteLength;
        if (!meta) {
          // Sniff on at least 4 KiB so BOM, encoding and the header line are all in view.
          const joined = new Uint8Array(pending.length + value.length);
          joined.set(pending);
          joined.set(value, pending.length);
          pending = joined;
          if (pending.length >= 4096 || done) {
            meta = start(pending);
            pending = new Uint8Array(0);
          }
        } else if (decoder) {
          parseText((decoder as TextDecoder).decode(value, { stream: true }), false);
        }
      }
      if (done) {
        if (!meta) meta = start(pending);
        parseText((decoder as TextDecoder | null)?.decode() ?? '', true);
      }
      if (meta && header && !metaSent) {
        metaSent = true;
        onMeta({ ...meta, header });
      }
      while (out.length >= batchRows || (done && out.length > 0)) {
        const rows = out.slice(0, batchRows);
        out = out.slice(batchRows);
        yield { rows, bytesRead };
      }
      if (done) {
        if (!metaSent && meta) onMeta({ ...meta, header: header ?? [] });
        return;
      }
    }
  } finally {
    reader.releaseLock();
  }
}
