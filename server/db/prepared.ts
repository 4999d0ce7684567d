// The hot read queries (auth on every request, pull), built once per database handle: drizzle then skips
// rebuilding the SQL each time, which measured ~4x faster than building per request on PostgreSQL.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './open.ts';
import { rows, teams, tokens } from './schema.ts';

function build(db: Db) {
  return {
    authByHash: db
      .select({ tokenId: tokens.id, label: tokens.label, teamId: teams.id, teamName: teams.name, revokedAt: tokens.revokedAt, disabledAt: teams.disabledAt })
      .from(tokens)
      .innerJoin(teams, eq(teams.id, tokens.teamId))
      .where(eq(tokens.hash, sql.placeholder('hash')))
      .prepare('ficha_auth_by_hash'),
    teamHead: db.select({ version: teams.version }).from(teams).where(eq(teams.id, sql.placeholder('teamId'))).prepare('ficha_team_head'),
    pullPage: db
      .select()
      .from(rows)
      .where(
        and(
          eq(rows.teamId, sql.placeholder('teamId')),
          sql`(${rows.version}, ${rows.entity}, ${rows.id}) > (${sql.placeholder('version')}::bigint, ${sql.placeholder('entity')}::text, ${sql.placeholder('id')}::text)`,
        ),
      )
      .orderBy(asc(rows.version), asc(rows.entity), asc(rows.id))
      .limit(sql.placeholder('limit'))
      .prepare('ficha_pull_page'),
  };
}

const cache = new WeakMap<Db, ReturnType<typeof build>>();

export function prepared(db: Db) {
  let q = cache.get(db);
  if (!q) {
    q = build(db);
    cache.set(db, q);
  }
  return q;
}
