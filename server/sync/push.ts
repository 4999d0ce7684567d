// Applies a client's batch exactly once, in one transaction:
//   1. lock the team row (SELECT ... FOR UPDATE): pushes of one team run one at a time, so the version
//      they take next commits in version order and a pull cursor can never step over a later commit;
//   2. skip mutations at or below the client's last applied id (retries), refuse a batch that starts
//      after a missing id (a lost or reordered request: the client resends from lastMutationId + 1);
//   3. merge each mutation into its row with the shared conflict rule, dedupe activities by natural key;
//   4. write changed rows with the new version and the client's new last id, then commit.
import { and, eq, sql } from 'drizzle-orm';
import { HEAD_CHANNEL, type Db } from '../db/open.ts';
import { clients, teams } from '../db/schema.ts';
import { ApiError } from '../errors.ts';
import { parseHlc } from '../../lib/sync/hlc.ts';
import { applyMutation, canonicalRow, emptyRow, isDeleted, type RowState } from '../../lib/sync/merge.ts';
import type { Json, Mutation, PulledRow, PushRequest, PushResponse } from '../../lib/sync/wire.ts';

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
      const releasedSet = new Set(released);
      await upsert(tx as unknown as Db, teamId, head, changed.filter((r) => !releasedSet.has(r)));
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

/** drizzle's execute() answers an array on postgres.js and `{ rows }` on PGlite. */
const rowsOf = <T,>(r: unknown): T[] => (Array.isArray(r) ? (r as T[]) : (r as { rows: T[] }).rows);

interface StoredRow {
  entity: string;
  id: string;
  natural_key: string | null;
  payload: string;
}

/**
 * The stored rows the batch touches: by (entity, id), and activities holding one of the batch's natural keys.
 * The keys go in as one JSON parameter and drive index lookups, whatever the batch size.
 */
async function loadRows(db: Db, teamId: string, ms: Mutation[]): Promise<Map<string, WorkingRow>> {
  const pairs = new Map<string, [string, string]>();
  for (const m of ms) pairs.set(rowKey(m.entity, m.id), [m.entity, m.id]);
  const keys = [...new Set(ms.flatMap((m) => (m.op === 'put' && m.naturalKey ? [m.naturalKey] : [])))];
  const found = rowsOf<StoredRow>(
    await db.execute(sql`select r.entity, r.id, r.natural_key, r.payload
      from json_to_recordset(${JSON.stringify([...pairs.values()].map(([e, i]) => ({ e, i })))}::json) as k(e text, i text)
      join rows r on r.team_id = ${teamId} and r.entity = k.e and r.id = k.i`),
  );
  const byKey = keys.length
    ? rowsOf<StoredRow>(
        await db.execute(sql`select entity, id, natural_key, payload from rows
          where team_id = ${teamId} and entity = 'activities' and natural_key in (select json_array_elements_text(${JSON.stringify(keys)}::json))`),
      )
    : [];
  const out = new Map<string, WorkingRow>();
  for (const r of [...found, ...byKey]) {
    const k = rowKey(r.entity, r.id);
    if (out.has(k)) continue;
    const stored = JSON.parse(r.payload) as PulledRow;
    const state: RowState = { fields: stored.fields, clocks: stored.clocks, put: stored.put, del: stored.del };
    out.set(k, { entity: r.entity, id: r.id, naturalKey: r.natural_key, state, before: canonicalRow(state), keyBefore: r.natural_key });
  }
  return out;
}

/** One INSERT ... ON CONFLICT for the whole list, its rows passed as one JSON parameter. */
async function upsert(db: Db, teamId: string, version: number, list: WorkingRow[]) {
  if (list.length === 0) return;
  const values = list.map((r) => {
    const deleted = isDeleted(r.state, r.entity);
    const row: PulledRow = {
      entity: r.entity as PulledRow['entity'],
      id: r.id,
      naturalKey: r.naturalKey,
      deleted,
      fields: r.state.fields,
      clocks: r.state.clocks,
      put: r.state.put,
      del: r.state.del,
      version,
    };
    return { entity: r.entity, id: r.id, natural_key: r.naturalKey, deleted, payload: JSON.stringify(row) };
  });
  await db.execute(sql`insert into rows (team_id, entity, id, natural_key, deleted, version, payload)
    select ${teamId}, x.entity, x.id, x.natural_key, x.deleted, ${version}::bigint, x.payload
    from json_to_recordset(${JSON.stringify(values)}::json) as x(entity text, id text, natural_key text, deleted boolean, payload text)
    on conflict (team_id, entity, id) do update
    set natural_key = excluded.natural_key, deleted = excluded.deleted, version = excluded.version, payload = excluded.payload`);
}
