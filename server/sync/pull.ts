// One page of a team's rows after a cursor, in commit order (see push.ts for why version order is commit order).
import type { Db } from '../db/open.ts';
import { prepared } from '../db/prepared.ts';
import type { Entity, Json, PullResponse } from '../../lib/sync/wire.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export async function pull(db: Db, teamId: string, cursor: string | undefined, limit: number): Promise<PullResponse> {
  const from = decodeCursor(cursor);
  // Head first: rows committed after this read may still appear below, never the other way round.
  const q = prepared(db);
  const [team] = await q.teamHead.execute({ teamId });
  const page = await q.pullPage.execute({ teamId, version: from.version, entity: from.entity, id: from.id, limit: limit + 1 });
  const hasMore = page.length > limit;
  const out = page.slice(0, limit);
  const last = out[out.length - 1];
  return {
    rows: out.map((r) => ({
      entity: r.entity as Entity,
      id: r.id,
      naturalKey: r.naturalKey,
      deleted: r.deleted,
      fields: r.fields as Record<string, Json>,
      clocks: r.clocks,
      put: r.putClock,
      del: r.delClock,
      version: r.version,
    })),
    cursor: encodeCursor(last ? { version: last.version, entity: last.entity, id: last.id } : from),
    hasMore,
    head: team?.version ?? 0,
  };
}
