// Fills the extension's database through its own bulk message, in batches, from an extension page.
import type { Page } from 'playwright-core';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';

export function benchContact(i: number): Contact {
  const c = contactFromHeader({ email: `person${i}@company${i % 5000}.example`, displayName: `Person${i} Surname${i % 997}` }, { id: `bench-${i}`, now: 1_700_000_000_000 + i });
  return { ...c, leadScore: i % 101, title: i % 3 ? 'Buyer' : 'CTO' };
}

export async function seedContacts(page: Page, total: number, batchSize = 5_000): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, total - from) }, (_, k) => benchContact(from + k));
    const reply = await page.evaluate((contacts) => chrome.runtime.sendMessage({ type: 'contacts.putMany', contacts }), batch);
    if (!reply?.ok) throw new Error(`seeding failed: ${JSON.stringify(reply?.error)}`);
  }
  return performance.now() - started;
}
