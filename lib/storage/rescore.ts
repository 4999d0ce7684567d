// Rescoring every contact after a model change: keyset-paged chunks, each its own transaction, yielding between
// chunks so the sidebar's lookups and logs are served while it runs.
import type { Scorer } from '@/lib/domain/scoring';
import type { Activity } from '@/lib/domain/activity';
import type { FichaDb } from './db';

export const RESCORE_CHUNK = 2_000;

export interface RescoreStatus {
  state: 'idle' | 'running' | 'done' | 'error';
  done: number;
  total: number;
  startedAt: number | null;
  finishedAt: number | null;
  error?: string;
}

export interface RescoreProgress {
  done: number;
  total: number;
}

/** Returns the number of contacts rescored; stops early (returning what it did) when `shouldStop` says so. */
export async function rescoreAll(
  db: FichaDb,
  scorer: Scorer,
  now: number,
  onProgress: (progress: RescoreProgress) => void,
  shouldStop: () => boolean = () => false,
): Promise<number> {
  const total = await db.contacts.count();
  let done = 0;
  let lastId: string | null = null;
  onProgress({ done, total });
  while (!shouldStop()) {
    const after = lastId;
    const count = await db.transaction('rw', db.contacts, db.activities, async () => {
      const chunk = await (after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after)).limit(RESCORE_CHUNK).toArray();
      if (chunk.length === 0) return 0;
      const first = chunk[0]!.id;
      const last = chunk[chunk.length - 1]!.id;
      const byContact = new Map<string, Activity[]>();
      const activities = await db.activities.where('[targetId+occurredAt]').between([first, -Infinity], [last, Infinity]).toArray();
      for (const a of activities) {
        const list = byContact.get(a.targetId);
        if (list) list.push(a);
        else byContact.set(a.targetId, [a]);
      }
      const changes = [];
      for (const contact of chunk) {
        const result = scorer({ contact, activities: byContact.get(contact.id) ?? [] }, now);
        if (result.total !== contact.leadScore || result.grade !== contact.leadGrade) {
          changes.push({ key: contact.id, changes: { leadScore: result.total, leadGrade: result.grade } });
        }
      }
      if (changes.length > 0) await db.contacts.bulkUpdate(changes);
      lastId = last;
      return chunk.length;
    });
    if (count === 0) break;
    done += count;
    onProgress({ done, total: Math.max(total, done) });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}
