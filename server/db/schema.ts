// One schema for PGlite and PostgreSQL. Synced rows are stored generically (entity + the row's mergeable state as
// the JSON a pull sends): the extension owns each entity's domain schema, the server owns ordering, merging and tenancy.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Bumped under the row lock by every push: the per-team commit order that pull cursors follow. */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** A disabled team's tokens all stop working; its rows stay (re-enable by clearing it in SQL). */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** People of a team. Removing one (removedAt) revokes their tokens; the row stays so token lists keep a name. */
export const members = pgTable(
  'members',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull().references(() => teams.id),
    name: text('name').notNull(),
    email: text('email'),
    /** 'admin' | 'member'. Informational for now: the server has no per-role permission yet (README › Sync server). */
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    index('members_team_idx').on(t.teamId),
    uniqueIndex('members_team_email_idx').on(t.teamId, t.email).where(sql`${t.email} is not null and ${t.removedAt} is null`),
    check('members_role_check', sql`${t.role} in ('admin', 'member')`),
  ],
);

export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull().references(() => teams.id),
    /** The member the token was issued to; null for tokens made before members existed. Same team (checked on insert). */
    memberId: text('member_id').references(() => members.id),
    label: text('label').notNull(),
    /** sha256 of the whole token, hex. The token itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('tokens_hash_idx').on(t.hash), index('tokens_team_idx').on(t.teamId), index('tokens_member_idx').on(t.memberId)],
);

/** Exactly-once push: the last mutation id applied per (team, client), written in the push's transaction. */
export const clients = pgTable(
  'clients',
  {
    teamId: text('team_id').notNull().references(() => teams.id),
    clientId: text('client_id').notNull(),
    lastMutationId: bigint('last_mutation_id', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.clientId] })],
);

export const rows = pgTable(
  'rows',
  {
    teamId: text('team_id').notNull().references(() => teams.id),
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    /** Activities' natural key (dedup); null for other entities. */
    naturalKey: text('natural_key'),
    deleted: boolean('deleted').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    /**
     * The row exactly as a pull sends it (lib/sync/wire.ts PulledRow: entity, id, naturalKey, deleted, fields,
     * clocks, put, del, version), written by the push that changed it. A pull page is these strings joined, with no
     * parsing or serialising per request; a push parses the ones it merges into. Query it as `payload::jsonb`.
     */
    payload: text('payload').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.entity, t.id] }),
    index('rows_pull_idx').on(t.teamId, t.version, t.entity, t.id),
    uniqueIndex('rows_natural_key_idx').on(t.teamId, t.entity, t.naturalKey).where(sql`${t.naturalKey} is not null`),
  ],
);
