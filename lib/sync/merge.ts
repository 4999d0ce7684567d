// The conflict rule, shared by server and client so both compute the same row from the same mutations.
// A row is a set of registers, each merged by taking the max (or, for append-only entities, the min) HLC:
//   - every field: LWW by its clock (APPEND_ONLY entities: earliest write wins, so history is never rewritten);
//   - `put` / `del`: the latest put and the latest delete.
// The row is deleted when its latest delete is newer than its latest put. A delete also kills every field
// written before it (fields older than `del` are dropped and later ones are refused), so a resurrecting put
// never brings back pre-delete values. Append-only entities (activities) keep their earliest write per field,
// and for them a delete is final: a min-register cannot forget a value it already discarded, so letting a
// later put resurrect the row would depend on arrival order. (Logging the same event again makes a new id.)
// Each step is a join on a semilattice: applying the same mutations in
// any order, any number of times, gives the same row. That is what makes replicas converge.
import { compareHlc, maxHlc, type Hlc } from './hlc.ts';
import { APPEND_ONLY, type Entity, type Json, type Mutation } from './wire.ts';

export interface RowState {
  fields: Record<string, Json>;
  clocks: Record<string, Hlc>;
  put: Hlc | null;
  del: Hlc | null;
}

export const emptyRow = (): RowState => ({ fields: {}, clocks: {}, put: null, del: null });

export function isDeleted(row: RowState, entity: string): boolean {
  if (APPEND_ONLY.has(entity as Entity)) return row.del !== null;
  return row.del !== null && (row.put === null || compareHlc(row.del, row.put) > 0);
}

type MergeableMutation = Pick<Mutation, 'op' | 'hlc' | 'entity'> & { fields?: Record<string, Json> };

export function applyMutation(row: RowState, m: MergeableMutation): RowState {
  const appendOnly = APPEND_ONLY.has(m.entity as Entity);
  if (appendOnly && (m.op === 'delete' || row.del !== null)) {
    const del = m.op === 'delete' ? maxHlc(row.del, m.hlc) : row.del;
    const put = m.op === 'put' ? maxHlc(row.put, m.hlc) : row.put;
    return { fields: {}, clocks: {}, put, del };
  }
  if (m.op === 'delete') {
    const del = maxHlc(row.del, m.hlc);
    const fields: Record<string, Json> = {};
    const clocks: Record<string, Hlc> = {};
    for (const [k, c] of Object.entries(row.clocks)) {
      if (del !== null && compareHlc(c, del) < 0) continue; // written before the delete: gone
      clocks[k] = c;
      fields[k] = row.fields[k] ?? null;
    }
    return { fields, clocks, put: row.put, del };
  }
  if (row.del !== null && compareHlc(m.hlc, row.del) < 0) {
    // The whole put predates a delete already seen: none of its fields survive (its put clock is still
    // recorded, so the result does not depend on whether the put or the delete arrived first).
    return { ...row, put: maxHlc(row.put, m.hlc) };
  }
  const fields = { ...row.fields };
  const clocks = { ...row.clocks };
  for (const [k, v] of Object.entries(m.fields ?? {})) {
    const current = clocks[k];
    const wins = current === undefined || (appendOnly ? compareHlc(m.hlc, current) < 0 : compareHlc(m.hlc, current) > 0);
    if (wins) {
      fields[k] = v;
      clocks[k] = m.hlc;
    }
  }
  return { fields, clocks, put: maxHlc(row.put, m.hlc), del: row.del };
}

/** Canonical form for equality checks (key order independent). */
export function canonicalRow(row: RowState): string {
  const keys = Object.keys(row.clocks).sort();
  return JSON.stringify({
    f: keys.map((k) => [k, row.fields[k] ?? null, row.clocks[k]]),
    put: row.put,
    del: row.del,
  });
}
