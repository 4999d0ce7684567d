// Teams and API tokens. A token is `ficha_<tokenId>_<secret>`; only its sha256 is stored, so a database
// leak does not leak usable tokens. The id part lets admins list and revoke without ever seeing secrets.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { prepared } from '../db/prepared.ts';
import { teams, tokens } from '../db/schema.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const newTokenId = () => 'tok' + randomBytes(6).toString('hex');

export interface IssuedToken {
  id: string;
  teamId: string;
  token: string;
}

export async function createTeam(db: Db, name: string): Promise<{ teamId: string; name: string; token: IssuedToken }> {
  const teamId = randomUUID();
  await db.insert(teams).values({ id: teamId, name });
  const token = await createToken(db, teamId, 'first token');
  return { teamId, name, token };
}

/** `team` is a team id or an exact team name. */
export async function findTeam(db: Db, team: string) {
  const byId = await db.select().from(teams).where(eq(teams.id, team));
  if (byId[0]) return byId[0];
  const byName = await db.select().from(teams).where(eq(teams.name, team));
  if (byName.length > 1) throw new Error(`Several teams are named "${team}": use the team id`);
  return byName[0];
}

export async function createToken(db: Db, teamId: string, label = 'token'): Promise<IssuedToken> {
  const id = newTokenId();
  const token = `ficha_${id}_${randomBytes(32).toString('base64url')}`;
  await db.insert(tokens).values({ id, teamId, label, hash: hashToken(token) });
  return { id, teamId, token };
}

export async function revokeToken(db: Db, tokenId: string): Promise<boolean> {
  const done = await db
    .update(tokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(tokens.id, tokenId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  return done.length > 0;
}

export async function listTokens(db: Db) {
  const list = await db
    .select({ id: tokens.id, teamId: tokens.teamId, team: teams.name, label: tokens.label, createdAt: tokens.createdAt, revokedAt: tokens.revokedAt })
    .from(tokens)
    .innerJoin(teams, eq(teams.id, tokens.teamId))
    .orderBy(asc(tokens.createdAt), asc(tokens.id));
  return list.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null }));
}

export async function disableTeam(db: Db, teamId: string): Promise<boolean> {
  const done = await db.update(teams).set({ disabledAt: new Date() }).where(and(eq(teams.id, teamId), isNull(teams.disabledAt))).returning({ id: teams.id });
  return done.length > 0;
}

/** The token's team when the token is valid, not revoked, and its team not disabled. */
export async function authenticate(db: Db, token: string) {
  const [row] = await prepared(db).authByHash.execute({ hash: hashToken(token) });
  return row && !row.revokedAt && !row.disabledAt ? row : undefined;
}
