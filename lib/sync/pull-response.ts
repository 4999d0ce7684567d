// Checks a pull page as PullResponseSchema does, without zod. A first pull reads 100,000 rows of ~15 fields each;
// zod walks every field value through the recursive Json schema (~0.15 ms a row in the worker), yet a body that
// came out of JSON.parse is JSON by construction. So this checks what JSON does not guarantee (row shape, entity,
// ids, versions, HLC stamps) and treats `fields` values as the JSON they are. Same result as the schema: the known
// keys copied (unknown ones dropped), or null when anything is off.
import { HLC_PATTERN } from './hlc.ts';
import { ENTITIES, type Entity, type Json, type PulledRow, type PullResponse } from './wire.ts';

const ENTITY_SET: ReadonlySet<string> = new Set(ENTITIES);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStamp = (v: unknown): v is string => typeof v === 'string' && HLC_PATTERN.test(v);
// Safe integers only, as zod's int() accepts: a count beyond 2^53 cannot be trusted.
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function parseRow(r: unknown): PulledRow | null {
  if (!isObject(r)) return null;
  const { entity, id, naturalKey, deleted, fields, clocks, put, del, version } = r;
  if (typeof entity !== 'string' || !ENTITY_SET.has(entity)) return null;
  if (typeof id !== 'string' || id.length < 1 || id.length > 128) return null;
  if (naturalKey !== null && typeof naturalKey !== 'string') return null;
  if (typeof deleted !== 'boolean') return null;
  if (!isCount(version) || version < 1) return null;
  if (!isObject(fields) || !isObject(clocks)) return null;
  for (const k in clocks) if (!isStamp(clocks[k])) return null;
  if ((put !== null && !isStamp(put)) || (del !== null && !isStamp(del))) return null;
  return { entity: entity as Entity, id, naturalKey, deleted, fields: fields as Record<string, Json>, clocks: clocks as Record<string, string>, put, del, version };
}

export function parsePullResponse(body: unknown): PullResponse | null {
  if (!isObject(body)) return null;
  const { rows, cursor, hasMore, head } = body;
  if (!Array.isArray(rows) || typeof cursor !== 'string' || typeof hasMore !== 'boolean' || !isCount(head) || head < 0) return null;
  const out: PulledRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = parseRow(rows[i]);
    if (!row) return null;
    out[i] = row;
  }
  return { rows: out, cursor, hasMore, head };
}
