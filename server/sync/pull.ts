// One page of a team's rows after a cursor, in commit order (see push.ts for why version order is commit order).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { rows, teams } from '../db/schema.ts';
import type { Entity, Json, PullResponse } from '../../lib/sync/wire.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export async function pull(db: Db, teamId: string, cursor: string | undefined, limit: number): Promise<PullResponse> {
  const from = decodeCursor(cursor);
  // Head first: rows committed after this read may still appear below, never the other way round.
  const [team] = await db.select({ version: teams.version }).from(teams).where(eq(teams.id, teamId));
  const page = await db
    .select()
    .from(rows)
    .where(
      and(
        eq(rows.teamId, teamId),
        sql`(${rows.version}, ${rows.entity}, ${rows.id}) > (${from.version}::bigint, ${from.entity}::text, ${from.id}::text)`,
      ),
    )
    .orderBy(asc(rows.version), asc(rows.entity), asc(rows.id))
    .limit(limit + 1);
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
