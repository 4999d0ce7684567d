// Rescoring every contact after a model change: keyset-paged chunks, each its own transaction, yielding between
// chunks so the sidebar's lookups and logs are served while it runs.
import type { Scorer } from '@/lib/domain/scoring';
import type { Activity } from '@/lib/domain/activity';
import { toScoringContact } from '@/lib/domain/profile-scoring';
import type { Company } from '@/lib/domain/record';
import type { FichaDb, StoredContact } from './db';

// Small chunks, read and written in separate short transactions: a lookup from the sidebar waits at most one of
// them (a long read-write transaction over contacts would block every lookup until it ends).
export const RESCORE_CHUNK = 500;

interface ChunkData {
  chunk: StoredContact[];
  activities: Activity[];
  companies: Map<string, Company>;
}

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
    const after: string | null = lastId;
    const { chunk, activities, companies } = await db.transaction('r', db.contacts, db.activities, db.companies, async (): Promise<ChunkData> => {
      const contacts = await (after === null ? db.contacts.orderBy(':id') : db.contacts.where(':id').above(after)).limit(RESCORE_CHUNK).toArray();
      if (contacts.length === 0) return { chunk: contacts, activities: [], companies: new Map() };
      const range = [[contacts[0]!.id, -Infinity], [contacts[contacts.length - 1]!.id, Infinity]] as const;
      const domains = [...new Set(contacts.map((c) => c.companyDomain).filter(Boolean))];
      const rows = await db.companies.bulkGet(domains);
      return {
        chunk: contacts,
        activities: await db.activities.where('[targetId+occurredAt]').between(range[0], range[1]).toArray(),
        companies: new Map(rows.flatMap((c) => (c ? [[c.domain, c] as const] : []))),
      };
    });
    if (chunk.length === 0) break;
    const byContact = new Map<string, Activity[]>();
    for (const a of activities) {
      const list = byContact.get(a.targetId);
      if (list) list.push(a);
      else byContact.set(a.targetId, [a]);
    }
    const changed = new Map<string, { before: [number, string]; after: [number, string] }>();
    for (const contact of chunk) {
      const result = scorer({ contact: toScoringContact(contact, companies.get(contact.companyDomain)), activities: byContact.get(contact.id) ?? [] }, now);
      if (result.total !== contact.leadScore || result.grade !== contact.leadGrade) {
        changed.set(contact.id, { before: [contact.leadScore, contact.leadGrade], after: [result.total, result.grade] });
      }
    }
    if (changed.size > 0) await writeScores(db, changed);
    lastId = chunk[chunk.length - 1]!.id;
    done += chunk.length;
    onProgress({ done, total: Math.max(total, done) });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return done;
}

/**
 * Writes new scores unless a contact's score moved since it was read: then a log or edit rescored it meanwhile,
 * with the same (new) model and newer activities, and that result wins.
 */
export async function writeScores(db: FichaDb, changed: Map<string, { before: [number, string]; after: [number, string] }>): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const current = await db.contacts.bulkGet([...changed.keys()]);
    const updates = [];
    for (const contact of current) {
      const change = contact && changed.get(contact.id);
      if (!contact || !change || contact.leadScore !== change.before[0] || contact.leadGrade !== change.before[1]) continue;
      updates.push({ ...contact, leadScore: change.after[0], leadGrade: change.after[1] });
    }
    await db.contacts.bulkPut(updates);
  });
}
