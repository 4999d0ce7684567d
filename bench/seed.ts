// Fills the extension's database through its own bulk message, in batches, from an extension page.
import type { Page, Worker } from 'playwright-core';
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
 * Writes `perContact` activities for each of the first `contacts` bench contacts in the extension's worker, straight
 * through its Dexie tables (no validated message per activity: this seeds a benchmark, and 1,000,000 messages would
 * measure the seeding instead of the rescore). Through the tables, not raw IndexedDB, so the score buckets' middleware
 * keeps each contact's engagement digest, as it does for every product write.
 */
export async function seedActivities(worker: Worker, contacts: number, perContact: number, batchContacts = 5_000): Promise<number> {
  const started = performance.now();
  const now = Date.now();
  for (let from = 0; from < contacts; from += batchContacts) {
    await worker.evaluate(
      async ({ from, to, perContact, now, types, day }) => {
        const rows = [];
        for (let i = from; i < to; i++) {
          for (let j = 0; j < perContact; j++) {
            const id = `bench-a-${i}-${j}`;
            rows.push({ id, key: id, type: types[(i + j) % types.length], targetType: 'contact', targetId: `bench-${i}`, occurredAt: now - ((i * 7 + j * 13) % 120) * day, createdAt: now, createdBy: '', summary: `Bench ${j}`, data: {} });
          }
        }
        const db = (globalThis as unknown as { ficha: { db: { activities: { bulkAdd(rows: object[]): Promise<unknown> } } } }).ficha.db;
        await db.activities.bulkAdd(rows);
      },
      { from, to: Math.min(contacts, from + batchContacts), perContact, now, types: [...ACTIVITY_TYPES], day: DAY },
    );
  }
  return performance.now() - started;
}
