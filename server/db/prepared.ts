// The token lookup (every request that misses the auth cache), built once per database handle: drizzle then skips
// rebuilding the SQL each time, which measured ~4x faster than building per request on PostgreSQL.
import { eq, sql } from 'drizzle-orm';
import type { Db } from './open.ts';
import { members, teams, tokens } from './schema.ts';

function build(db: Db) {
  return {
    authByHash: db
      .select({
        tokenId: tokens.id,
        label: tokens.label,
        teamId: teams.id,
        teamName: teams.name,
        memberId: tokens.memberId,
        revokedAt: tokens.revokedAt,
        disabledAt: teams.disabledAt,
        memberRemovedAt: members.removedAt,
      })
      .from(tokens)
      .innerJoin(teams, eq(teams.id, tokens.teamId))
      .leftJoin(members, eq(members.id, tokens.memberId))
      .where(eq(tokens.hash, sql.placeholder('hash')))
      .prepare('ficha_auth_by_hash'),
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
