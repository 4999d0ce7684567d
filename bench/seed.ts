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

const DAY = 86_400_000;
const ACTIVITY_TYPES = ['email.received', 'email.sent', 'note.added', 'cta.inserted', 'meeting.logged'] as const;

/**
 * Writes `perContact` activities for each of the first `contacts` bench contacts straight into the extension's
 * IndexedDB from an extension page (same origin as the worker). Raw writes: this seeds a benchmark, it is not a
 * product path, and 1,000,000 validated messages would measure the seeding instead of the rescore.
 */
export async function seedActivities(page: Page, contacts: number, perContact: number, batchContacts = 2_000): Promise<number> {
  const started = performance.now();
  const now = Date.now();
  for (let from = 0; from < contacts; from += batchContacts) {
    const batch = [];
    for (let i = from; i < Math.min(contacts, from + batchContacts); i++) {
      for (let j = 0; j < perContact; j++) {
        const id = `bench-a-${i}-${j}`;
        batch.push({ id, key: id, type: ACTIVITY_TYPES[(i + j) % ACTIVITY_TYPES.length], targetType: 'contact', targetId: `bench-${i}`, occurredAt: now - ((i * 7 + j * 13) % 120) * DAY, createdAt: now, createdBy: '', summary: `Bench ${j}`, data: {} });
      }
    }
    await page.evaluate(
      (rows) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('ficha');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('activities', 'readwrite');
            const store = tx.objectStore('activities');
            for (const row of rows) store.put(row);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      batch,
    );
  }
  return performance.now() - started;
}
