// Push: send the outbox in order, in batches; the mutation id of a row is its position after the last acknowledged
// id, so a retry resends the same ids and the server applies each once.
import { SyncHttpError, type SyncHttp } from '@/lib/sync/client-http';
import { LIMITS, type Entity, type Mutation } from '@/lib/sync/wire';
import type { FichaDb } from '../db';
import type { SyncProgressRow, SyncTracker } from '../sync-tracking';

export const readSyncState = async (db: FichaDb) => (await db.syncState.get('state')) as SyncProgressRow | undefined;

/** Drops the acknowledged rows and records the new id, in one transaction. */
async function acknowledge(db: FichaDb, tracker: SyncTracker, lastMutationId: number, duplicates: { entity: Entity; id: string }[] = []) {
  await db.transaction('rw', [db.syncState, db.outbox, db.activities], async (tx) => {
    tracker.markRemote(tx.idbtrans);
    const st = await readSyncState(db);
    if (!st) return;
    const n = lastMutationId - st.lastAcked;
    if (n > 0) {
      const seqs = await db.outbox.orderBy('seq').limit(n).primaryKeys();
      await db.outbox.bulkDelete(seqs);
      await db.syncState.put({ ...st, lastAcked: lastMutationId });
    }
    // The same event logged under another id elsewhere: the server kept that one, the pull brings it.
    const dupIds = duplicates.filter((d) => d.entity === 'activities').map((d) => d.id);
    if (dupIds.length) await db.activities.bulkDelete(dupIds);
  });
}

/** Room left in a request body for the envelope (client id, schema version, brackets). */
const ENVELOPE_BYTES = 16 * 1024;
const utf8 = new TextEncoder();

/**
 * The longest prefix of `mutations` whose JSON fits the server's body limit (at least one: a single mutation is
 * always under it, its fields being capped at 32 KB). A thousand large rows (logged emails with their bodies,
 * long templates) would otherwise be refused as too large, and the same batch sent again, for good.
 */
export function batchUnderBodyLimit(mutations: Mutation[], maxBytes = LIMITS.maxBodyBytes - ENVELOPE_BYTES): Mutation[] {
  let bytes = 0;
  for (let i = 0; i < mutations.length; i++) {
    bytes += utf8.encode(JSON.stringify(mutations[i])).length + 1;
    if (bytes > maxBytes && i > 0) return mutations.slice(0, i);
  }
  return mutations;
}

/** The server holds fewer of this device's mutations than it acknowledged: it was restored from an older backup. */
export class ServerForgot extends Error {}

export async function pushOutbox(db: FichaDb, tracker: SyncTracker, h: SyncHttp, clientId: string): Promise<void> {
  for (;;) {
    const st = await readSyncState(db);
    if (!st) return;
    const rows = await db.outbox.orderBy('seq').limit(LIMITS.maxBatch).toArray();
    if (rows.length === 0) return;
    const mutations = batchUnderBodyLimit(
      rows.map((r, i): Mutation => {
        const base = { mutationId: st.lastAcked + 1 + i, entity: r.entity, id: r.id, hlc: r.hlc };
        return r.op === 'delete'
          ? { ...base, op: 'delete' }
          : { ...base, op: 'put', fields: r.fields ?? {}, ...(r.naturalKey ? { naturalKey: r.naturalKey } : {}) };
      }),
    );
    try {
      const res = await h.push({ clientId, mutations });
      await acknowledge(db, tracker, res.lastMutationId, res.duplicates);
    } catch (e) {
      // The server has more than we knew (an answer was lost): drop those and resend the rest.
      const last = e instanceof SyncHttpError && e.kind === 'mutation_gap' ? (e.details as { lastMutationId?: number } | undefined)?.lastMutationId : undefined;
      if (typeof last === 'number' && last > st.lastAcked) {
        await acknowledge(db, tracker, last);
        continue;
      }
      if (typeof last === 'number' && last < st.lastAcked) throw new ServerForgot(`The server has ${last} of this device's changes; it had acknowledged ${st.lastAcked}`);
      throw e;
    }
  }
}
