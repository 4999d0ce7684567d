// What IndexedDB itself allows on this machine: 100,000 contact rows written with raw IndexedDB calls (no Dexie, no
// middleware, nothing but puts in 2,000-row transactions) in the extension's service worker of a fresh profile, with
// no index and with the contacts store's indexes. The import and first-pull goals (100k in 10 s) are set against
// these floors: with one row per contact, no pipeline can write faster than the row puts below. The read-back is
// the floor of an export.
// Standalone: `npm run build && npx tsx bench/idb-floor.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchWithExtension } from '../tests/e2e/support/launch';
import { contactFromImport } from '@/lib/domain/import-merge';
import { toStored } from '@/lib/storage/contacts';
import { FichaDb } from '@/lib/storage/db';
import { type BenchResult, round, writeReport } from './stats';

interface IndexSpec {
  name: string;
  keyPath: string;
  multiEntry: boolean;
}

/** The contacts store's secondary indexes as db.ts declares them (Dexie reads the schema without opening). */
function contactIndexes(): IndexSpec[] {
  const table = new FichaDb('ficha-schema-only').tables.find((t) => t.name === 'contacts');
  if (!table) throw new Error('no contacts table in the schema');
  return table.schema.indexes.map((i) => ({ name: i.name, keyPath: String(i.keyPath), multiEntry: Boolean(i.multi) }));
}

/** One contact as the import stores it: the row shape the floors are measured with. */
function sampleRow(): object {
  const now = Date.now();
  const record = { row: 1, emails: ['person1@company1.example'], firstName: 'Name1', lastName: 'Surname 1', company: 'Company 1', title: 'Buyer', phones: ['+34 600 001 000'], stage: 'lead', owner: 'rep@ficha.test', createdAt: now, tags: [], website: '', location: '' };
  return toStored(contactFromImport(record, { id: 'sample', now, stage: 'lead' }));
}

export async function idbFloorResults(rows = Number(process.env.BENCH_FLOOR_ROWS ?? 100_000)): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ficha-bench-floor-'));
  const { context } = await launchWithExtension({ userDataDir: dir });
  const results: BenchResult[] = [];
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const indexes = contactIndexes();
    // The read-back floor does not depend on the secondary indexes: it is measured once, on the indexed store.
    const variants = [
      { label: 'no index', indexes: [] as IndexSpec[], readBack: false },
      { label: `the contacts store's ${indexes.length} indexes`, indexes, readBack: true },
    ];
    for (const variant of variants) {
      const { writeMs, readMs, rowsRead } = await worker.evaluate(
        async ({ sample, rows, indexes, name, readBack }) => {
          const db: IDBDatabase = await new Promise((resolve, reject) => {
            const open = indexedDB.open(name, 1);
            open.onupgradeneeded = () => {
              const store = open.result.createObjectStore('contacts', { keyPath: 'id' });
              for (const i of indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry });
            };
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          // Rows differ where the indexes look (id, addresses, search words), as imported contacts do.
          const all = Array.from({ length: rows }, (_, i) => ({
            ...sample,
            id: crypto.randomUUID(),
            emails: [{ address: `person${i}@company${i % 5000}.example`, primary: true }],
            emailKeys: [`person${i}@company${i % 5000}.example`],
            searchKeys: [`name${i}`, 'surname', String(i), 'company', String(i % 5000), 'buyer', `person${i}`],
            companyDomain: `company${i % 5000}.example`,
          }));
          const t0 = performance.now();
          for (let from = 0; from < rows; from += 2000) {
            await new Promise((resolve, reject) => {
              const tx = db.transaction('contacts', 'readwrite');
              const store = tx.objectStore('contacts');
              for (const row of all.slice(from, from + 2000)) store.put(row);
              tx.oncomplete = resolve;
              tx.onerror = () => reject(tx.error);
            });
          }
          const writeMs = performance.now() - t0;
          // Read back in primary-key order, 5,000 rows per getAll: the floor of any export.
          const t1 = performance.now();
          let rowsRead = 0;
          for (let after: string | null = null; readBack; ) {
            const page: { id: string }[] = await new Promise((resolve, reject) => {
              const request = db.transaction('contacts', 'readonly').objectStore('contacts').getAll(after === null ? null : IDBKeyRange.lowerBound(after, true), 5000);
              request.onsuccess = () => resolve(request.result as { id: string }[]);
              request.onerror = () => reject(request.error);
            });
            rowsRead += page.length;
            if (page.length < 5000) break;
            after = page[page.length - 1]!.id;
          }
          const readMs = performance.now() - t1;
          db.close();
          return { writeMs, readMs, rowsRead };
        },
        { sample: sampleRow(), rows, indexes: variant.indexes, name: `floor-${variant.indexes.length}`, readBack: variant.readBack },
      );
      results.push({
        name: `IndexedDB floor: ${rows} contact rows put raw, ${variant.label}`,
        value: round(writeMs / 1000),
        unit: 's',
        detail: { rowsPerS: Math.round(rows / (writeMs / 1000)), usPerRow: Math.round((writeMs * 1000) / rows) },
      });
      if (variant.readBack) {
        results.push({ name: `IndexedDB floor: the ${rowsRead} rows read back raw, getAll of 5,000 in key order`, value: round(readMs / 1000), unit: 's', detail: { rowsPerS: Math.round(rowsRead / (readMs / 1000)) } });
      }
    }
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  idbFloorResults()
    .then((results) => writeReport(results, 'bench/results/idb-floor.json'))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
