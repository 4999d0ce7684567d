// Contact lookup by email with the seeded database: the repository call inside the worker, and the full message round trip.
import type { BrowserContext, Page } from 'playwright-core';
import { type BenchResult, latencyResults, round } from './stats';

const WARMUP = 100;

export async function lookupResults(context: BrowserContext, page: Page, total: number, runs = 300): Promise<BenchResult[]> {
  const address = (n: number) => `person${n % total}@company${(n % total) % 5000}.example`;
  // The first lookups after a browser start read the database from disk; they are reported apart from steady state.
  const warmup = Array.from({ length: WARMUP }, (_, i) => address(i * 104729 + 17));
  const emails = Array.from({ length: runs }, (_, i) => address(i * 7919));
  const worker = context.serviceWorkers()[0]!;
  // The repository call the message handler makes, timed inside the worker (no messaging in between).
  const samples = await worker.evaluate(async (emails) => {
    const { contacts } = (globalThis as unknown as { ficha: { contacts: { lookup(e: string[]): Promise<Record<string, unknown>> } } }).ficha;
    const samples: number[] = [];
    for (const email of emails) {
      const t0 = performance.now();
      const found = await contacts.lookup([email]);
      samples.push(performance.now() - t0);
      if (!found[email]) throw new Error(`missing ${email}`);
    }
    return samples;
  }, [...warmup, ...emails]);
  const [coldFirst, ...afterStart] = samples.slice(0, WARMUP);
  const repositorySamples = samples.slice(WARMUP);
  const messageSamples = await page.evaluate(async (emails) => {
    const samples: number[] = [];
    for (const email of emails) {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'contacts.lookup', emails: [email] });
      if (!reply?.ok || !reply.data?.[email]) throw new Error(`lookup failed for ${email}`);
      samples.push(performance.now() - t0);
    }
    return samples;
  }, emails);
  return [
    { name: 'first lookup after browser start (cold disk cache)', value: round(coldFirst ?? Number.NaN), unit: 'ms' },
    ...latencyResults(`next ${WARMUP - 1} lookups after browser start (warming cache)`, afterStart),
    ...latencyResults(`lookup by email in the background (${total} contacts)`, repositorySamples, 5),
    ...latencyResults(`lookup by email incl. message round trip (${total} contacts)`, messageSamples),
  ];
}
