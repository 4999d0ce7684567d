// Members of a team: people with a name, an optional email and a role. Tokens are issued to members; removing a
// member revokes all their tokens in the same transaction (and logged-in servers drop them at once, see auth-cache).
import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { authChanged } from '../auth-cache.ts';
import type { Db } from '../db/open.ts';
import { members, teams, tokens } from '../db/schema.ts';

export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

const newMemberId = () => 'mem' + randomBytes(6).toString('hex');
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface MemberInput {
  name: string;
  email?: string;
  role?: Role;
}

export async function addMember(db: Db, teamId: string, input: MemberInput) {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new Error('A member needs a name (1-200 characters)');
  const email = input.email?.trim().toLowerCase() || null;
  if (email !== null && (!EMAIL.test(email) || email.length > 320)) throw new Error(`"${input.email}" is not an email address`);
  const role = input.role ?? 'member';
  if (!ROLES.includes(role)) throw new Error(`Role must be ${ROLES.join(' or ')}`);
  if (email !== null && (await findMember(db, teamId, email))?.removedAt === null) throw new Error(`${email} is already a member of this team`);
  const id = newMemberId();
  await db.insert(members).values({ id, teamId, name, email, role });
  return { id, teamId, name, email, role };
}

/** `ref` is a member id or the email of an active member; only within `teamId`. */
export async function findMember(db: Db, teamId: string, ref: string) {
  const [byId] = await db.select().from(members).where(and(eq(members.teamId, teamId), eq(members.id, ref)));
  if (byId) return byId;
  const [byEmail] = await db
    .select()
    .from(members)
    .where(and(eq(members.teamId, teamId), eq(members.email, ref.trim().toLowerCase()), isNull(members.removedAt)));
  return byEmail;
}

export async function listMembers(db: Db, teamId?: string) {
  const active = db
    .select({ memberId: tokens.memberId, n: count().as('n') })
    .from(tokens)
    .where(isNull(tokens.revokedAt))
    .groupBy(tokens.memberId)
    .as('active');
  const list = await db
    .select({
      id: members.id,
      teamId: members.teamId,
      team: teams.name,
      name: members.name,
      email: members.email,
      role: members.role,
      tokens: sql<number>`coalesce(${active.n}, 0)`.mapWith(Number),
      createdAt: members.createdAt,
      removedAt: members.removedAt,
    })
    .from(members)
    .innerJoin(teams, eq(teams.id, members.teamId))
    .leftJoin(active, eq(active.memberId, members.id))
    .where(teamId ? eq(members.teamId, teamId) : undefined)
    .orderBy(asc(teams.name), asc(members.createdAt), asc(members.id));
  return list.map((m) => ({ ...m, createdAt: m.createdAt.toISOString(), removedAt: m.removedAt?.toISOString() ?? null }));
}

/** Marks the member removed and revokes their active tokens, atomically. False when no active member has this id. */
export async function removeMember(db: Db, memberId: string): Promise<{ revokedTokens: number } | false> {
  const result = await db.transaction(async (tx) => {
    const now = new Date();
    const done = await tx.update(members).set({ removedAt: now }).where(and(eq(members.id, memberId), isNull(members.removedAt))).returning({ id: members.id });
    if (done.length === 0) return false;
    const revoked = await tx.update(tokens).set({ revokedAt: now }).where(and(eq(tokens.memberId, memberId), isNull(tokens.revokedAt))).returning({ id: tokens.id });
    return { revokedTokens: revoked.length };
  });
  if (result) await authChanged(db);
  return result;
}
