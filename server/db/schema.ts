// One schema for PGlite and PostgreSQL. Synced rows are stored generically (entity + jsonb fields + their
// clocks): the extension owns each entity's domain schema, the server owns ordering, merging and tenancy.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Bumped under the row lock by every push: the per-team commit order that pull cursors follow. */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** A disabled team's tokens all stop working; its rows stay (re-enable by clearing it in SQL). */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

export const tokens = pgTable(
  'tokens',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull().references(() => teams.id),
    label: text('label').notNull(),
    /** sha256 of the whole token, hex. The token itself is shown once and never stored. */
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('tokens_hash_idx').on(t.hash), index('tokens_team_idx').on(t.teamId)],
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
    fields: jsonb('fields').notNull().$type<Record<string, unknown>>(),
    clocks: jsonb('clocks').notNull().$type<Record<string, string>>(),
    putClock: text('put_clock'),
    delClock: text('del_clock'),
    deleted: boolean('deleted').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.entity, t.id] }),
    index('rows_pull_idx').on(t.teamId, t.version, t.entity, t.id),
    uniqueIndex('rows_natural_key_idx').on(t.teamId, t.entity, t.naturalKey).where(sql`${t.naturalKey} is not null`),
  ],
);
