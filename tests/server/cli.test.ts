// The contract of `npm run server`: the ready line with the URL, create-team's token alone on the last line
// (also while the server holds the PGlite folder), the lockfile refusing a second server, the admin commands.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl } from './helpers/backends.ts';

// Every child this file starts, so a failed or timed-out test never leaves a server running.
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

const TOKEN_LINE = /^ficha_tok[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/;

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env: { ...process.env, ...env } });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, PORT: '0', ...env } });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /ready at (http:\/\/[^"\s]+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    child.on('exit', () => {
      clearInterval(timer);
      reject(new Error(`server exited: ${out}`));
    });
  });
  return { child, url, output: () => out };
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.on('exit', () => resolve()), child.kill('SIGTERM'))));

const whoami = (url: string, token: string) => fetch(`${url}/v1/whoami`, { headers: { Authorization: `Bearer ${token}`, 'Ficha-Schema-Version': '1' } });

describe('npm run server with PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-cli-'));
  const env = { FICHA_DATA_DIR: join(dir, 'data'), DATABASE_URL: '', HOST: '127.0.0.1' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves, lets the CLI work while it runs, refuses a second server, and releases the folder on stop', async () => {
    const server = await startServer(env);
    try {
      expect(server.output().split('\n').filter((l) => l.includes('ready at'))).toHaveLength(1);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(statSync(join(dir, 'data', 'admin.secret')).mode & 0o777).toBe(0o600);

      const created = await run(['create-team', 'Acme Sales'], env);
      expect(created.code, created.stderr).toBe(0);
      const lines = created.stdout.trimEnd().split('\n');
      const token = lines[lines.length - 1]!;
      expect(token).toMatch(TOKEN_LINE);
      expect(await (await whoami(server.url, token)).json()).toMatchObject({ team: { name: 'Acme Sales' } });

      const second = await run([], { ...env, PORT: '0' });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/refusing to start/);

      const more = await run(['create-token', 'Acme Sales', 'laptop'], env);
      expect(more.stdout.trimEnd().split('\n').pop()).toMatch(TOKEN_LINE);
      const listed = await run(['list-tokens'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('Acme Sales\tlaptop');
      expect(listed.stdout).not.toContain('ficha_tok');
      const id = /^ficha_(tok[0-9a-f]+)_/.exec(token)![1]!;
      expect((await run(['revoke-token', id], env)).code).toBe(0);
      expect((await whoami(server.url, token)).status).toBe(401);
      expect((await run(['revoke-token', 'tok000000000000'], env)).code).toBe(1);
      const laptop = more.stdout.trimEnd().split('\n').pop()!;
      expect((await whoami(server.url, laptop)).status).toBe(200);

      // Members, through the running server: add, a token for the member, list, remove (revokes the token).
      const added = await run(['add-member', 'Acme Sales', 'Ana Ruiz', 'ana@acme.test', '--role', 'admin'], env);
      expect(added.code, added.stderr).toBe(0);
      const memberId = added.stdout.trimEnd().split('\n').pop()!;
      expect(memberId).toMatch(/^mem[0-9a-f]{12}$/);
      const hers = await run(['create-token', 'Acme Sales', 'ana phone', '--member', 'ana@acme.test'], env);
      expect(hers.code, hers.stderr).toBe(0);
      const herToken = hers.stdout.trimEnd().split('\n').pop()!;
      expect(herToken).toMatch(TOKEN_LINE);
      expect((await whoami(server.url, herToken)).status).toBe(200);
      const members = await run(['list-members', 'Acme Sales'], env);
      expect(members.stdout).toContain(`${memberId}\tAcme Sales\tAna Ruiz\tana@acme.test\tadmin\t1\t`);
      expect((await run(['list-tokens'], env)).stdout).toMatch(/Acme Sales\tana phone\t.*\tAna Ruiz/);
      expect((await run(['add-member', 'Acme Sales', 'X', '--role', 'owner'], env)).code).toBe(1);
      const removed = await run(['remove-member', memberId], env);
      expect(removed.stdout).toContain('revoked 1 token');
      expect((await whoami(server.url, herToken)).status).toBe(401);
      expect((await run(['remove-member', memberId], env)).code).toBe(1);
      expect((await run(['disable-team', 'Acme Sales'], env)).code).toBe(0);
      expect((await whoami(server.url, laptop)).status).toBe(401);
    } finally {
      await stop(server.child);
    }
    expect(existsSync(join(dir, 'data', 'ficha.lock'))).toBe(false);
    // No server: the CLI opens the folder itself, and the data survived the restart.
    const after = await run(['list-tokens'], env);
    expect(after.stdout).toContain('Acme Sales\tlaptop');
    const offline = await run(['create-team', 'Offline Team'], env);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout.trimEnd().split('\n').pop()).toMatch(TOKEN_LINE);
    const usage = await run(['frobnicate'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('create-team');
  }, 480_000); // PGlite's first start in a new folder (initdb in wasm) takes ~15 s on 2 cores, each of the ~20 CLI runs ~3-7 s (much more on a loaded machine)
});

describe('npm run server under a process manager', () => {
  it('stops when npm is sent SIGTERM: the port closes and the data folder is released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ficha-npm-'));
    const lock = join(dir, 'data', 'ficha.lock');
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', FICHA_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
    // Its own process group, so a failure before the pid is known can still stop the server npm started.
    const npm = spawn('npm', ['run', '--silent', 'server'], { env, detached: true });
    children.add(npm);
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d));
    npm.stderr.on('data', (d: Buffer) => (out += d));
    let serverPid: number | undefined;
    try {
      await expect.poll(() => /ready at (\S+)/.exec(out)?.[1], { timeout: 120_000, interval: 100 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const url = /ready at (\S+)/.exec(out)![1]!;
      expect(out).toContain(`ready at ${url} (PGlite, data folder ${env.FICHA_DATA_DIR})`);
      serverPid = (JSON.parse(readFileSync(lock, 'utf8')) as { pid: number }).pid;
      expect((await fetch(`${url}/health`)).status).toBe(200);

      await new Promise<void>((resolve) => (npm.on('exit', () => resolve()), npm.kill('SIGTERM')));
      const open = () => fetch(`${url}/health`).then(() => 'open', () => 'closed');
      await expect.poll(open, { timeout: 15_000, interval: 200 }).toBe('closed');
      await expect.poll(() => existsSync(lock), { timeout: 15_000, interval: 200 }).toBe(false);
    } finally {
      // A failure must not leave the server itself running.
      for (const pid of [serverPid, npm.pid === undefined ? undefined : -npm.pid]) {
        try {
          if (pid) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone, as expected
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.skipIf(!postgresUrl)('npm run server with DATABASE_URL', () => {
  const name = `ficha_cli_${randomBytes(5).toString('hex')}`;
  const url = new URL(postgresUrl ?? 'postgres://x/y');
  url.pathname = `/${name}`;
  afterAll(async () => {
    const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('migrates on start and the CLI talks to PostgreSQL directly', async () => {
    const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const env = { DATABASE_URL: url.toString() };
    const server = await startServer(env);
    try {
      const health = await fetch(`${server.url}/health`);
      expect(await health.json()).toMatchObject({ ok: true, database: 'postgres' });
      const created = await run(['create-team', 'PG Team'], env);
      expect(created.code, created.stderr).toBe(0);
      const token = created.stdout.trimEnd().split('\n').pop()!;
      expect(token).toMatch(TOKEN_LINE);
      expect((await whoami(server.url, token)).status).toBe(200);

      // Members straight on PostgreSQL: a member removed by the CLI (another process) is refused by the running server.
      const added = await run(['add-member', 'PG Team', 'Ben'], env);
      expect(added.code, added.stderr).toBe(0);
      const memberId = added.stdout.trimEnd().split('\n').pop()!;
      const his = (await run(['create-token', 'PG Team', '--member', memberId], env)).stdout.trimEnd().split('\n').pop()!;
      expect((await whoami(server.url, his)).status).toBe(200);
      expect((await run(['list-members'], env)).stdout).toContain(`${memberId}\tPG Team\tBen\t-\tmember\t1\t`);
      expect((await run(['remove-member', memberId], env)).code).toBe(0);
      expect((await whoami(server.url, his)).status).toBe(401);
      const id = /^ficha_(tok[0-9a-f]+)_/.exec(token)![1]!;
      expect((await run(['revoke-token', id], env)).code).toBe(0);
      expect((await whoami(server.url, token)).status).toBe(401);
    } finally {
      await stop(server.child);
    }
  }, 300_000); // ~10 CLI runs of a few seconds each (much more on a loaded machine)
});
