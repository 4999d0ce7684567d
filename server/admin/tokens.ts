// Teams and API tokens. A token is `ficha_<tokenId>_<secret>`; only its sha256 is stored, so a database
// leak does not leak usable tokens. The id part lets admins list and revoke without ever seeing secrets.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { authChanged, type CachedAuth } from '../auth-cache.ts';
import type { Db } from '../db/open.ts';
import { prepared } from '../db/prepared.ts';
import { members, teams, tokens } from '../db/schema.ts';
import { addMember, findMember } from './members.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const newTokenId = () => 'tok' + randomBytes(6).toString('hex');

export interface IssuedToken {
  id: string;
  teamId: string;
  memberId: string | null;
  token: string;
}

/** A team, its first member (an admin named "Admin") and that member's first token. */
export async function createTeam(db: Db, name: string): Promise<{ teamId: string; name: string; memberId: string; token: IssuedToken }> {
  const teamId = randomUUID();
  await db.insert(teams).values({ id: teamId, name });
  const admin = await addMember(db, teamId, { name: 'Admin', role: 'admin' });
  const token = await createToken(db, teamId, 'first token', admin.id);
  return { teamId, name, memberId: admin.id, token };
}

/** `team` is a team id or an exact team name. */
export async function findTeam(db: Db, team: string) {
  const byId = await db.select().from(teams).where(eq(teams.id, team));
  if (byId[0]) return byId[0];
  const byName = await db.select().from(teams).where(eq(teams.name, team));
  if (byName.length > 1) throw new Error(`Several teams are named "${team}": use the team id`);
  return byName[0];
}

/** `member` (an id or email of an active member of this team) is who the token is for; tokens without one act for the team. */
export async function createToken(db: Db, teamId: string, label = 'token', member?: string): Promise<IssuedToken> {
  let memberId: string | null = null;
  if (member !== undefined) {
    const found = await findMember(db, teamId, member);
    if (!found) throw new Error(`No member "${member}" in this team`);
    if (found.removedAt) throw new Error(`Member ${found.id} was removed: add them again to give them a token`);
    memberId = found.id;
  }
  const id = newTokenId();
  const token = `ficha_${id}_${randomBytes(32).toString('base64url')}`;
  await db.insert(tokens).values({ id, teamId, memberId, label, hash: hashToken(token) });
  return { id, teamId, memberId, token };
}

export async function revokeToken(db: Db, tokenId: string): Promise<boolean> {
  const done = await db
    .update(tokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(tokens.id, tokenId), isNull(tokens.revokedAt)))
    .returning({ id: tokens.id });
  if (done.length > 0) await authChanged(db);
  return done.length > 0;
}

export async function listTokens(db: Db) {
  const list = await db
    .select({ id: tokens.id, teamId: tokens.teamId, team: teams.name, member: members.name, memberId: tokens.memberId, label: tokens.label, createdAt: tokens.createdAt, revokedAt: tokens.revokedAt })
    .from(tokens)
    .innerJoin(teams, eq(teams.id, tokens.teamId))
    .leftJoin(members, eq(members.id, tokens.memberId))
    .orderBy(asc(tokens.createdAt), asc(tokens.id));
  return list.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), revokedAt: t.revokedAt?.toISOString() ?? null }));
}

export async function disableTeam(db: Db, teamId: string): Promise<boolean> {
  const done = await db.update(teams).set({ disabledAt: new Date() }).where(and(eq(teams.id, teamId), isNull(teams.disabledAt))).returning({ id: teams.id });
  if (done.length > 0) await authChanged(db);
  return done.length > 0;
}

/** The token's team (and member) when the token is valid, not revoked, its team not disabled, its member not removed. */
export async function authenticateHash(db: Db, hash: string): Promise<CachedAuth | undefined> {
  const [row] = await prepared(db).authByHash.execute({ hash });
  if (!row || row.revokedAt || row.disabledAt || row.memberRemovedAt) return undefined;
  return { tokenId: row.tokenId, label: row.label, teamId: row.teamId, teamName: row.teamName, memberId: row.memberId };
}

export const authenticate = (db: Db, token: string) => authenticateHash(db, hashToken(token));
