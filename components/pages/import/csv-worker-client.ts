// The page's side of the CSV worker: inspect a file, then stream its chunks as an async iterable (each chunk taken
// gives the worker credit to parse one more).
import type { ColumnMapping } from '@/lib/domain/csv-mapping';
import type { Inspection, PipelineChunk } from '@/lib/domain/csv-pipeline';
import type { WorkerIn, WorkerOut } from './worker-protocol';

function startWorker(): Worker {
  return new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
}

const post = (worker: Worker, message: WorkerIn) => worker.postMessage(message);

export function inspectFile(file: File): Promise<Inspection> {
  const worker = startWorker();
  return new Promise<Inspection>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerOut>) => {
      const m = event.data;
      if (m.type === 'inspected') resolve(m.inspection);
      else if (m.type === 'error') reject(new Error(m.message));
      worker.terminate();
    };
    worker.onerror = (event) => {
      reject(new Error(event.message || 'The CSV reader failed to start'));
      worker.terminate();
    };
    post(worker, { type: 'inspect', file });
  });
}

export function fileChunks(file: File, mapping: ColumnMapping, chunkRows: number, signal: AbortSignal): AsyncIterable<PipelineChunk> {
  return {
    async *[Symbol.asyncIterator]() {
      const worker = startWorker();
      const queue: PipelineChunk[] = [];
      let ended = false;
      let failure: Error | null = null;
      let notify: (() => void) | null = null;
      const poke = () => {
        notify?.();
        notify = null;
      };
      worker.onmessage = (event: MessageEvent<WorkerOut>) => {
        const m = event.data;
        if (m.type === 'chunk') queue.push(m.chunk);
        else if (m.type === 'end') ended = true;
        else if (m.type === 'error') failure = new Error(m.message);
        poke();
      };
      worker.onerror = (event) => {
        failure = new Error(event.message || 'The CSV reader failed');
        poke();
      };
      const onAbort = () => {
        post(worker, { type: 'cancel' });
        poke();
      };
      signal.addEventListener('abort', onAbort);
      post(worker, { type: 'run', file, mapping, chunkRows });
      try {
        for (;;) {
          const next = queue.shift();
          if (next) {
            post(worker, { type: 'ack' });
            yield next;
            continue;
          }
          if (failure) throw failure;
          if (ended || signal.aborted) return;
          await new Promise<void>((resolve) => (notify = resolve));
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        worker.terminate();
      }
    },
  };
}
