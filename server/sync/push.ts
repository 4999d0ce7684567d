// Applies a client's batch exactly once, in one transaction:
//   1. lock the team row (SELECT ... FOR UPDATE): pushes of one team run one at a time, so the version
//      they take next commits in version order and a pull cursor can never step over a later commit;
//   2. skip mutations at or below the client's last applied id (retries), refuse a batch that starts
//      after a missing id (a lost or reordered request: the client resends from lastMutationId + 1);
//   3. merge each mutation into its row with the shared conflict rule, dedupe activities by natural key;
//   4. write changed rows with the new version and the client's new last id, then commit.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { HEAD_CHANNEL, type Db } from '../db/open.ts';
import { clients, rows, teams } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { parseHlc } from '../../lib/sync/hlc.ts';
import { applyMutation, canonicalRow, emptyRow, isDeleted, type RowState } from '../../lib/sync/merge.ts';
import type { Json, Mutation, PushRequest, PushResponse } from '../../lib/sync/wire.ts';

export interface PushOptions {
  now: number;
  /** Stamps further ahead of the server clock are refused: one bad clock must not win every conflict forever. */
  maxClockSkewMs: number;
}

interface WorkingRow {
  entity: string;
  id: string;
  naturalKey: string | null;
  state: RowState;
  before: string | null; // canonical form as loaded, null when new
  keyBefore: string | null;
}

const rowKey = (entity: string, id: string) => `${entity}\u0000${id}`;

export async function push(db: Db, teamId: string, req: PushRequest, opts: PushOptions): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    const [team] = await tx.select({ version: teams.version }).from(teams).where(eq(teams.id, teamId)).for('update');
    if (!team) throw new ApiError('unauthorized', 'Unknown team');
    const [client] = await tx
      .select({ last: clients.lastMutationId })
      .from(clients)
      .where(and(eq(clients.teamId, teamId), eq(clients.clientId, req.clientId)));
    const last = client?.last ?? 0;

    const fresh = req.mutations.filter((m) => m.mutationId > last);
    const replayed = req.mutations.length - fresh.length;
    const first = fresh[0];
    if (!first) return { lastMutationId: last, applied: 0, replayed, duplicates: [], head: team.version };
    if (first.mutationId !== last + 1) {
      throw new ApiError('mutation_gap', `Mutation ${last + 1} of this client is missing: resend from it`, { lastMutationId: last });
    }
    for (const m of fresh) {
      if (parseHlc(m.hlc).wall > opts.now + opts.maxClockSkewMs) {
        throw new ApiError('clock_in_future', "A mutation's clock is ahead of the server's: check the device clock", {
          mutationId: m.mutationId,
          serverTime: opts.now,
        });
      }
    }

    const working = await loadRows(tx as unknown as Db, teamId, fresh);
    const keyOwner = new Map<string, WorkingRow>();
    for (const r of working.values()) if (r.naturalKey) keyOwner.set(r.naturalKey, r);
    const duplicates: PushResponse['duplicates'] = [];

    for (const m of fresh) {
      const k = rowKey(m.entity, m.id);
      const row = working.get(k) ?? newRow(m.entity, m.id);
      if (m.op === 'put' && m.naturalKey !== undefined && row.naturalKey === null) {
        const owner = keyOwner.get(m.naturalKey);
        if (owner && owner !== row) {
          if (!isDeleted(owner.state, owner.entity)) {
            duplicates.push({ entity: m.entity, id: m.id, keptId: owner.id });
            continue;
          }
          owner.naturalKey = null; // a removed activity gives its key up: logging the event again is allowed
        }
        row.naturalKey = m.naturalKey;
        keyOwner.set(m.naturalKey, row);
      }
      working.set(k, row);
      row.state = applyMutation(row.state, m.op === 'put' ? { ...m, fields: m.fields as Record<string, Json> } : m);
    }

    const changed = [...working.values()].filter((r) => r.before !== canonicalRow(r.state) || r.keyBefore !== r.naturalKey);
    const lastApplied = fresh[fresh.length - 1]!.mutationId;
    let head = team.version;
    if (changed.length > 0) {
      head = team.version + 1;
      await tx.update(teams).set({ version: head }).where(eq(teams.id, teamId));
      await tx.execute(sql`select pg_notify(${HEAD_CHANNEL}, ${`${teamId} ${head}`})`);
      // Keys given up first: the unique natural-key index is checked row by row.
      const released = changed.filter((r) => r.keyBefore !== null && r.naturalKey === null);
      await upsert(tx as unknown as Db, teamId, head, released);
      await upsert(tx as unknown as Db, teamId, head, changed.filter((r) => !released.includes(r)));
    }
    await tx
      .insert(clients)
      .values({ teamId, clientId: req.clientId, lastMutationId: lastApplied })
      .onConflictDoUpdate({ target: [clients.teamId, clients.clientId], set: { lastMutationId: lastApplied, updatedAt: new Date() } });
    return { lastMutationId: lastApplied, applied: fresh.length - duplicates.length, replayed, duplicates, head };
  });
}

function newRow(entity: string, id: string): WorkingRow {
  return { entity, id, naturalKey: null, state: emptyRow(), before: null, keyBefore: null };
}

async function loadRows(db: Db, teamId: string, ms: Mutation[]): Promise<Map<string, WorkingRow>> {
  const ids = [...new Set(ms.map((m) => m.id))];
  const keys = [...new Set(ms.flatMap((m) => (m.op === 'put' && m.naturalKey ? [m.naturalKey] : [])))];
  const wanted = new Set(ms.map((m) => rowKey(m.entity, m.id)));
  const found = await db.select().from(rows).where(and(eq(rows.teamId, teamId), inArray(rows.id, ids)));
  const byKey = keys.length
    ? await db.select().from(rows).where(and(eq(rows.teamId, teamId), eq(rows.entity, 'activities'), inArray(rows.naturalKey, keys)))
    : [];
  const out = new Map<string, WorkingRow>();
  for (const r of [...found, ...byKey]) {
    const k = rowKey(r.entity, r.id);
    if (out.has(k) || (!wanted.has(k) && !byKey.includes(r))) continue;
    const state: RowState = { fields: r.fields as Record<string, Json>, clocks: r.clocks, put: r.putClock, del: r.delClock };
    out.set(k, { entity: r.entity, id: r.id, naturalKey: r.naturalKey, state, before: canonicalRow(state), keyBefore: r.naturalKey });
  }
  return out;
}

async function upsert(db: Db, teamId: string, version: number, list: WorkingRow[]) {
  const CHUNK = 500;
  for (let i = 0; i < list.length; i += CHUNK) {
    const values = list.slice(i, i + CHUNK).map((r) => ({
      teamId,
      entity: r.entity,
      id: r.id,
      naturalKey: r.naturalKey,
      fields: r.state.fields,
      clocks: r.state.clocks,
      putClock: r.state.put,
      delClock: r.state.del,
      deleted: isDeleted(r.state, r.entity),
      version,
    }));
    await db
      .insert(rows)
      .values(values)
      .onConflictDoUpdate({
        target: [rows.teamId, rows.entity, rows.id],
        set: {
          naturalKey: sqlExcluded('natural_key'),
          fields: sqlExcluded('fields'),
          clocks: sqlExcluded('clocks'),
          putClock: sqlExcluded('put_clock'),
          delClock: sqlExcluded('del_clock'),
          deleted: sqlExcluded('deleted'),
          version: sqlExcluded('version'),
        },
      });
  }
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);
