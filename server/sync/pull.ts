// One page of a team's rows after a cursor, in commit order (see push.ts for why version order is commit order).
// One statement reads the head and the page from one snapshot; rows are stored as the JSON a pull sends
// (schema.ts › rows.payload), so the answer is those strings joined: nothing parsed or serialised per row.
import type { DbHandle } from '../db/open.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const PAGE = `select t.version as head, r.version, r.entity, r.id, r.payload
  from teams t
  left join lateral (
    select version, entity, id, payload from rows
    where team_id = t.id and (version, entity, id) > ($2::bigint, $3::text, $4::text)
    order by version, entity, id
    limit $5::int
  ) r on true
  where t.id = $1::text`;

export interface PullPage {
  /** The JSON body of PullResponse (lib/sync/wire.ts), ready to send. */
  body: string;
  head: number;
  rowCount: number;
}

export async function pull(handle: DbHandle, teamId: string, cursor: string | undefined, limit: number): Promise<PullPage> {
  const from = decodeCursor(cursor);
  // [head, version, entity, id, payload]; one row with nulls after the head when the page is empty.
  const found = await handle.queryPrepared('ficha_pull_page', PAGE, [teamId, from.version, from.entity, from.id, limit + 1]);
  const head = Number(found[0]?.[0] ?? 0);
  const page = found.filter((r) => r[4] !== null);
  const hasMore = page.length > limit;
  if (hasMore) page.length = limit;
  const last = page[page.length - 1];
  const next = last ? { version: Number(last[1]), entity: last[2]!, id: last[3]! } : from;
  const rows = page.map((r) => r[4]).join(',');
  return { body: `{"rows":[${rows}],"cursor":${JSON.stringify(encodeCursor(next))},"hasMore":${hasMore},"head":${head}}`, head, rowCount: page.length };
}
