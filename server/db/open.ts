// Opens the database the config names (PGlite in a folder or in memory, or PostgreSQL) and runs migrations.
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { queryPrepared } from './pglite-prepared.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /**
   * A plain parameterised statement on the driver, outside drizzle and outside any transaction: for the hot read
   * paths, where drizzle's query building and row mapping cost more than the database. int8 columns may come back
   * as strings or bigints: wrap them in Number().
   */
  query<T extends Record<string, unknown>>(text: string, params: unknown[]): Promise<T[]>;
  /** Like query(), prepared once per connection under `name` (always pass the same text), rows as arrays of text. */
  queryPrepared(name: string, text: string, params: Array<string | number | null>): Promise<(string | null)[][]>;
  /** PostgreSQL: head changes committed by any server process on this database (LISTEN on HEAD_CHANNEL). */
  listenHeads?(fn: (teamId: string, head: number) => void): Promise<void>;
  /** PostgreSQL: token revocations committed by any process (admin CLI included) on this database (AUTH_CHANNEL). */
  listenAuth?(fn: () => void): Promise<void>;
}

/** Pushes NOTIFY this channel with "<teamId> <head>" (delivered on commit), so every server instance can tell its SSE clients. */
export const HEAD_CHANNEL = 'ficha_head';

/** Revoking a token, removing a member or disabling a team NOTIFYs this channel: servers drop cached logins. */
export const AUTH_CHANNEL = 'ficha_auth';

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** `dataDir` undefined = in memory (tests). */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    close: () => client.close(),
    query: async <T,>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    queryPrepared: (name, text, params) => queryPrepared(client, name, text, params),
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DbHandle> {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema });
  await migratePostgres(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    close: () => client.end({ timeout: 5 }),
    query: async <T,>(text: string, params: unknown[]) => (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[],
    // postgres.js names and caches prepared statements per connection itself.
    queryPrepared: async (_name, text, params) => (await client.unsafe(text, params, { prepare: true }).values()) as unknown as (string | null)[][],
    async listenAuth(fn) {
      await client.listen(AUTH_CHANNEL, () => fn());
    },
    async listenHeads(fn) {
      await client.listen(HEAD_CHANNEL, (payload) => {
        const [teamId, head] = payload.split(' ');
        if (teamId && head && /^\d+$/.test(head)) fn(teamId, Number(head));
      });
    },
  };
}
