// `npm run bench:server`: the issue's server figures against the real `npm run server` in a child process (its
// JSON request log going to a file, rate limit off), over loopback HTTP, on PGlite (a fresh data folder) and, when
// DATABASE_URL is set, PostgreSQL (a scratch database dropped afterwards):
//   - push of 10,000 mutations in batches of 1,000 (request bodies built before the clock starts);
//   - pull requests/s with autocannon: 50 connections, pages of 100, cursors spread over the data set.
// Prints a table and JSON, and writes bench/results/server.json. BENCH_MUTATIONS / BENCH_PULL_SECONDS change sizes.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { encodeHlc } from '../lib/sync/hlc.ts';
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, type Mutation } from '../lib/sync/wire.ts';

const MUTATIONS = Number(process.env.BENCH_MUTATIONS ?? 10_000);
const PULL_SECONDS = Number(process.env.BENCH_PULL_SECONDS ?? 10);
const CONNECTIONS = 50;
const PAGE = 100;
const BATCH = 1000;

// BENCH_SERVER_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops.
const profile = process.env.BENCH_SERVER_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`] : [];

const node = (args: string[], env: Record<string, string>, stdio: 'pipe' | number) =>
  spawn(process.execPath, [...(args.length === 0 ? profile : []), '--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: stdio === 'pipe' ? 'pipe' : ['ignore', stdio, stdio],
  });

async function startServer(env: Record<string, string>, log: string): Promise<{ child: ChildProcess; url: string }> {
  const child = node([], { ...env, PORT: '0', HOST: '127.0.0.1', FICHA_RATE_LIMIT: '0' }, openSync(log, 'w'));
  for (let i = 0; i < 1200; i++) {
    const m = /ready at (http:\/\/[^"\s]+)/.exec(readFileSync(log, 'utf8'));
    if (m) return { child, url: m[1]! };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${readFileSync(log, 'utf8').slice(-2000)}`);
}

async function createTeam(env: Record<string, string>): Promise<string> {
  const child = node(['create-team', 'bench'], env, 'pipe');
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const code = await new Promise((r) => child.on('close', r));
  if (code !== 0) throw new Error(`create-team failed: ${out}`);
  return out.trimEnd().split('\n').pop()!;
}

const stop = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM'))));

/** User + system CPU seconds of processes, from /proc (Linux): the machine is shared, so wall-clock rates alone mislead. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone, or not Linux
    }
  }
  return ticks / 100; // USER_HZ
}

/** PostgreSQL backends serving `database` (their process title names it). */
function backendPids(database: string | undefined): number[] {
  if (!database) return [];
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

async function measure(database: 'pglite' | 'postgres', env: Record<string, string>, log: string, pgDatabase?: string) {
  const started = performance.now();
  const { child, url } = await startServer(env, log);
  const startSeconds = (performance.now() - started) / 1000;
  try {
    const token = await createTeam(env);
    const headers = { Authorization: `Bearer ${token}`, [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION), 'Content-Type': 'application/json' };

    const wall = Date.now();
    const bodies: string[] = [];
    for (let i = 0; i < MUTATIONS; i += BATCH) {
      const mutations: Mutation[] = [];
      for (let j = i; j < Math.min(MUTATIONS, i + BATCH); j++) {
        mutations.push({
          mutationId: j + 1,
          op: 'put',
          entity: 'contacts',
          id: `c${j}`,
          hlc: encodeHlc({ wall, counter: j, clientId: 'bench' }),
          fields: { firstName: `First${j}`, lastName: `Last${j}`, email: `person${j}@example.com`, title: 'Head of Sales', score: j % 100 },
        });
      }
      bodies.push(JSON.stringify({ clientId: 'bench', mutations }));
    }
    const pushStart = performance.now();
    for (const body of bodies) {
      const res = await fetch(`${url}/v1/push`, { method: 'POST', headers, body });
      if (!res.ok) throw new Error(`push ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    }
    const pushSeconds = (performance.now() - pushStart) / 1000;

    // Cursors spread over the data set, so pages come from everywhere, not only the start.
    const cursors: string[] = [''];
    for (let cursor = '', i = 0; i < 19; i++) {
      const page = (await (await fetch(`${url}/v1/pull?limit=${Math.ceil(MUTATIONS / 20)}${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as { cursor: string };
      cursor = page.cursor;
      cursors.push(cursor);
    }
    const pids = () => [child.pid!, ...backendPids(pgDatabase)];
    const before = new Map(pids().map((p) => [p, cpuSeconds([p])]));
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: PULL_SECONDS,
      headers,
      requests: cursors.map((cursor) => ({ method: 'GET' as const, path: `/v1/pull?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ''}` })),
    });
    const after = pids();
    const serverCpu = cpuSeconds([child.pid!]) - before.get(child.pid!)!;
    const dbCpu = after.filter((p) => p !== child.pid).reduce((sum, p) => sum + cpuSeconds([p]) - (before.get(p) ?? 0), 0);
    const served = result['2xx'];
    return {
      database,
      mutations: MUTATIONS,
      pushSeconds: +pushSeconds.toFixed(3),
      pullRequestsPerSecond: Math.round(result['2xx'] / result.duration),
      pullLatencyP50Ms: result.latency.p50,
      pullLatencyP99Ms: result.latency.p99,
      pullMiBPerSecond: +(result.throughput.average / 2 ** 20).toFixed(1),
      pullFailures: result.non2xx + result.errors + result.timeouts,
      // Requests served per CPU second spent by the server process (and PostgreSQL's backends): the rate one
      // dedicated core would sustain, whatever else the machine was running.
      pullPerServerCpuSecond: Math.round(served / serverCpu),
      ...(database === 'postgres' ? { pullPerServerAndDbCpuSecond: Math.round(served / (serverCpu + dbCpu)) } : {}),
      connections: CONNECTIONS,
      pageSize: PAGE,
      serverStartSeconds: +startSeconds.toFixed(1),
    };
  } finally {
    await stop(child);
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'ficha-bench-server-'));
const results = [];
const load = { before: loadavg().map((l) => +l.toFixed(2)), after: [] as number[] };
try {
  results.push(await measure('pglite', { FICHA_DATA_DIR: join(scratch, 'data'), DATABASE_URL: '' }, join(scratch, 'pglite.log')));
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `ficha_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    try {
      results.push(await measure('postgres', { DATABASE_URL: url.toString() }, join(scratch, 'postgres.log'), name));
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
load.after = loadavg().map((l) => +l.toFixed(2));
console.table(results);
const report = { date: new Date().toISOString(), cpus: cpus().length, loadAverage: load, pullSeconds: PULL_SECONDS, results };
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/server.json', JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 2));
