// `npm run bench:server`: the issue's server figures, over real HTTP on loopback. Push of 10,000 mutations
// (batches of 1,000) and pull requests/s (50 concurrent connections, pages of 100) on PGlite and, when
// DATABASE_URL is set, PostgreSQL (in a scratch database dropped afterwards). Prints a table and JSON.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import postgres from 'postgres';
import { createApp, defaultConfig } from './app.ts';
import { createTeam } from './admin/tokens.ts';
import { openPglite, openPostgres, type DbHandle } from './db/open.ts';
import { encodeHlc } from '../lib/sync/hlc.ts';
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, type Mutation } from '../lib/sync/wire.ts';

const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 10_000);
const PULL_SECONDS = Number(process.env.BENCH_PULL_SECONDS ?? 5);
const CONNECTIONS = 50;

async function measure(name: string, handle: DbHandle) {
  const app = createApp(handle, defaultConfig({ rateLimit: null }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (await createTeam(handle.db, 'bench')).token.token;
  const headers = { Authorization: `Bearer ${token}`, [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION), 'Content-Type': 'application/json' };

  const wall = Date.now();
  const all: Mutation[] = Array.from({ length: MUTATIONS }, (_, i) => ({
    mutationId: i + 1,
    op: 'put',
    entity: 'contacts',
    id: `c${i}`,
    hlc: encodeHlc({ wall, counter: i, clientId: 'bench' }),
    fields: { firstName: `First${i}`, lastName: `Last${i}`, email: `person${i}@example.com`, title: 'Head of Sales', score: i % 100 },
  }));
  const pushStart = performance.now();
  for (let i = 0; i < all.length; i += 1000) {
    const res = await fetch(`${url}/v1/push`, { method: 'POST', headers, body: JSON.stringify({ clientId: 'bench', mutations: all.slice(i, i + 1000) }) });
    if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`);
  }
  const pushSeconds = (performance.now() - pushStart) / 1000;

  // Cursors spread over the data set so pages come from everywhere, not only the start.
  const cursors: string[] = [''];
  for (let cursor = '', i = 0; i < 20; i++) {
    const page = (await (await fetch(`${url}/v1/pull?limit=${Math.ceil(MUTATIONS / 20)}${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as { cursor: string };
    cursor = page.cursor;
    cursors.push(cursor);
  }
  let done = 0;
  let failed = 0;
  const until = performance.now() + PULL_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, c) => {
      for (let i = c; performance.now() < until; i++) {
        const cursor = cursors[i % cursors.length]!;
        const res = await fetch(`${url}/v1/pull?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers });
        await res.arrayBuffer();
        if (res.ok) done++;
        else failed++;
      }
    }),
  );
  const pullPerSecond = done / PULL_SECONDS;
  server.close();
  return { database: name, mutations: MUTATIONS, pushSeconds: +pushSeconds.toFixed(3), pullRequestsPerSecond: Math.round(pullPerSecond), pullFailures: failed, connections: CONNECTIONS };
}

const results = [];
const pglite = await openPglite();
results.push(await measure('pglite', pglite));
await pglite.close();
const base = process.env.DATABASE_URL;
if (base) {
  const name = `ficha_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pg = await openPostgres(url.toString(), { max: 10 });
  try {
    results.push(await measure('postgres', pg));
  } finally {
    await pg.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
console.table(results);
console.log(JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
