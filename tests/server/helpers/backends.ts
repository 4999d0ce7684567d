// The databases the server suites run against: PGlite in memory always, PostgreSQL when a URL is given.
// Each open() gets a database of its own (a fresh PGlite, or a new uniquely named Postgres database),
// so test files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { openPglite, openPostgres, type DbHandle } from '../../../server/db/open.ts';

export const postgresUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

if (process.env.CI && !postgresUrl) {
  throw new Error('CI is set but neither TEST_DATABASE_URL nor DATABASE_URL is: the PostgreSQL server tests must run in CI');
}

export interface Backend {
  name: 'pglite' | 'postgres';
  /** `url`: the PostgreSQL database's own URL, to open a second "server process" on it. */
  open(): Promise<DbHandle & { url?: string }>;
}

const pglite: Backend = { name: 'pglite', open: () => openPglite() };

const pg = (url: string): Backend => ({
  name: 'postgres',
  async open() {
    const name = `ficha_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const handle = await openPostgres(dbUrl.toString(), { max: 8 });
    return {
      ...handle,
      url: dbUrl.toString(),
      async close() {
        await handle.close();
        const a = postgres(url, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  },
});

export const backends: Backend[] = postgresUrl ? [pglite, pg(postgresUrl)] : [pglite];
export const postgresBackend: Backend | undefined = postgresUrl ? pg(postgresUrl) : undefined;

/**
 * Two "server processes" on one fresh PostgreSQL database (the suite's own connection pool and a second one), opened
 * before the suite and closed after it. Only for suites skipped when `postgresBackend` is undefined.
 */
export function twoPostgresProcesses(): { one: DbHandle & { url?: string }; two: DbHandle } {
  const pair = {} as { one: DbHandle & { url?: string }; two: DbHandle };
  beforeAll(async () => {
    pair.one = await postgresBackend!.open();
    pair.two = await openPostgres(pair.one.url!, { max: 2 });
  });
  afterAll(async () => {
    await pair.two.close();
    await pair.one.close();
  });
  return pair;
}
