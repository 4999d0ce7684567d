// Parses the picked CSV off the page's main thread: streaming from the File (never one big string), decoding,
// mapping rows, and handing numbered chunks to the page at most two ahead of what the background has written.
import type { ColumnMapping } from '@/lib/domain/csv-mapping';
import { fileEncoding } from '@/lib/domain/csv-parse';
import { importChunks, inspectCsv } from '@/lib/domain/csv-pipeline';
import type { WorkerIn, WorkerOut } from './worker-protocol';

const scope = self as unknown as { postMessage(message: WorkerOut): void; onmessage: ((event: MessageEvent<WorkerIn>) => void) | null };
const AHEAD = 2;

let credits = AHEAD;
let wake: (() => void) | null = null;
let controller: AbortController | null = null;

async function run(file: File, mapping: ColumnMapping, chunkRows: number) {
  controller = new AbortController();
  const signal = controller.signal;
  credits = AHEAD;
  try {
    const encoding = await fileEncoding(file.stream());
    for await (const chunk of importChunks(file.stream(), { mapping, batchRows: chunkRows, signal, encoding })) {
      if (signal.aborted) return;
      while (credits <= 0 && !signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      // A Blob crosses to the page as a handle, and the background reads it by URL: the page's main thread never
      // copies or serialises the records (a 2,000-row chunk is about 0.5 MB of JSON).
      const recordsBlob = new Blob([JSON.stringify(chunk.records)], { type: 'application/json' });
      scope.postMessage({ type: 'chunk', chunk: { ...chunk, records: [], recordsBlob } });
    }
    scope.postMessage({ type: 'end' });
  } catch (error) {
    scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'inspect') {
    inspectCsv(message.file.slice(0, 256 * 1024).stream())
      .then((inspection) => scope.postMessage({ type: 'inspected', inspection }))
      .catch((error: unknown) => scope.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
  } else if (message.type === 'run') {
    void run(message.file, message.mapping, message.chunkRows);
  } else if (message.type === 'ack') {
    credits++;
    wake?.();
    wake = null;
  } else if (message.type === 'cancel') {
    controller?.abort();
    wake?.();
  }
};
