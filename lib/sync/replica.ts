// The client side of the protocol as a pure state machine, with no storage or network: the reference the
// extension's sync client follows (it keeps the same state in Dexie) and the model the fault-injection
// property test drives. State: the rows as the server last sent them (`base`), the outbox of local
// mutations not yet acknowledged, the pull cursor and the clock. What the user sees is base + outbox.
import { encodeHlc, initialHlc, observe, tick, type HlcState } from './hlc.ts';
import { applyMutation, isDeleted, type RowState } from './merge.ts';
import type { Entity, Json, Mutation, PullResponse, PushRequest, PushResponse } from './wire.ts';

export interface ReplicaRow {
  entity: Entity;
  id: string;
  naturalKey: string | null;
  state: RowState;
  /** Server version of the base row (0 = never pulled). */
  version: number;
}

export interface ReplicaState {
  clientId: string;
  clock: HlcState;
  nextMutationId: number;
  outbox: Mutation[];
  cursor: string;
  base: Map<string, ReplicaRow>;
}

export const rowKey = (entity: string, id: string) => `${entity}/${id}`;

export function newReplica(clientId: string): ReplicaState {
  return { clientId, clock: initialHlc(clientId), nextMutationId: 1, outbox: [], cursor: '', base: new Map() };
}

/** A local edit: stamped, queued in the outbox (the real client writes it in the same transaction as the change). */
export function localPut(r: ReplicaState, now: number, entity: Entity, id: string, fields: Record<string, Json>, naturalKey?: string): Mutation {
  r.clock = tick(r.clock, now);
  const m: Mutation = { mutationId: r.nextMutationId++, op: 'put', entity, id, hlc: encodeHlc(r.clock), fields, ...(naturalKey ? { naturalKey } : {}) };
  r.outbox.push(m);
  return m;
}

export function localDelete(r: ReplicaState, now: number, entity: Entity, id: string): Mutation {
  r.clock = tick(r.clock, now);
  const m: Mutation = { mutationId: r.nextMutationId++, op: 'delete', entity, id, hlc: encodeHlc(r.clock) };
  r.outbox.push(m);
  return m;
}

/** The next push: the oldest outbox entries, in order (ids consecutive). */
export function pushRequest(r: ReplicaState, max: number): PushRequest | null {
  return r.outbox.length ? { clientId: r.clientId, mutations: r.outbox.slice(0, max) } : null;
}

/** Acknowledged ids leave the outbox. Safe with late, duplicated or out-of-order responses. */
export function onPushAck(r: ReplicaState, lastMutationId: number): void {
  r.outbox = r.outbox.filter((m) => m.mutationId > lastMutationId);
}

export const onPushResponse = (r: ReplicaState, res: PushResponse) => onPushAck(r, res.lastMutationId);

/**
 * A pull page. Only a page answering the current cursor is taken (a late answer to an older pull is ignored),
 * and a row never goes back to an older server version.
 */
export function onPullResponse(r: ReplicaState, requestCursor: string, page: PullResponse, now: number): boolean {
  if (requestCursor !== r.cursor) return false;
  for (const row of page.rows) {
    const k = rowKey(row.entity, row.id);
    const current = r.base.get(k);
    if (current && current.version > row.version) continue;
    r.base.set(k, { entity: row.entity, id: row.id, naturalKey: row.naturalKey, version: row.version, state: { fields: row.fields, clocks: row.clocks, put: row.put, del: row.del } });
    for (const c of [...Object.values(row.clocks), row.put, row.del]) if (c) r.clock = observe(r.clock, c, now);
  }
  r.cursor = page.cursor;
  return true;
}

/** What the user sees: base rows with the pending outbox applied on top (deleted rows left out). */
export function view(r: ReplicaState): Map<string, { entity: Entity; id: string; naturalKey: string | null; fields: Record<string, Json> }> {
  const rows = new Map<string, ReplicaRow>();
  for (const [k, row] of r.base) rows.set(k, row);
  const heldKeys = new Set([...r.base.values()].filter((b) => b.naturalKey && !isDeleted(b.state, b.entity)).map((b) => b.naturalKey));
  for (const m of r.outbox) {
    const k = rowKey(m.entity, m.id);
    const row = rows.get(k) ?? { entity: m.entity, id: m.id, naturalKey: null, state: { fields: {}, clocks: {}, put: null, del: null }, version: 0 };
    if (m.op === 'put' && m.naturalKey && row.naturalKey === null) {
      if (heldKeys.has(m.naturalKey)) continue; // the same event under another id: the server will keep that one
      heldKeys.add(m.naturalKey);
      rows.set(k, { ...row, naturalKey: m.naturalKey, state: applyMutation(row.state, m) });
    } else {
      rows.set(k, { ...row, state: applyMutation(row.state, m) });
    }
  }
  const out = new Map<string, { entity: Entity; id: string; naturalKey: string | null; fields: Record<string, Json> }>();
  for (const [k, row] of rows) {
    if (!isDeleted(row.state, row.entity)) out.set(k, { entity: row.entity, id: row.id, naturalKey: row.naturalKey, fields: row.state.fields });
  }
  return out;
}
