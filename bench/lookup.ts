// Contact lookup by email with the seeded database: raw index read in the worker, and the full message round trip.
import type { BrowserContext, Page } from 'playwright-core';
import { DB_NAME } from '@/lib/storage/db';
import { type BenchResult, latencyResults } from './stats';

export async function lookupResults(context: BrowserContext, page: Page, total: number, runs = 300): Promise<BenchResult[]> {
  const emails = Array.from({ length: runs }, (_, i) => `person${(i * 7919) % total}@company${((i * 7919) % total) % 5000}.example`);
  const worker = context.serviceWorkers()[0]!;
  const indexSamples = await worker.evaluate(
    async ({ dbName, emails }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const samples: number[] = [];
      for (const email of emails) {
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          const req = db.transaction('contacts').objectStore('contacts').index('emailKeys').get(email);
          req.onsuccess = () => (req.result ? resolve(req.result) : reject(new Error(`missing ${email}`)));
          req.onerror = () => reject(req.error);
        });
        samples.push(performance.now() - t0);
      }
      db.close();
      return samples;
    },
    { dbName: DB_NAME, emails },
  );
  const messageSamples = await page.evaluate(async (emails) => {
    const samples: number[] = [];
    for (const email of emails) {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'contacts.lookup', emails: [email] });
      if (!reply?.ok || !reply.data[email]) throw new Error(`lookup failed for ${email}`);
      samples.push(performance.now() - t0);
    }
    return samples;
  }, emails);
  return [
    ...latencyResults(`lookup by email, IndexedDB index in worker (${total} contacts)`, indexSamples, 5),
    ...latencyResults(`lookup by email, message round trip (${total} contacts)`, messageSamples, 5),
  ];
}
