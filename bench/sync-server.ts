// A real sync server for the sync benchmarks: `server/main.ts` on PGlite in a temp folder (or DATABASE_URL), a team
// and its token from the admin CLI, stopped and cleaned up by `stop()`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER } from '../lib/sync/wire';

const TSX = path.resolve('node_modules/.bin/tsx');

export interface BenchServer {
  /** As Node reaches it. */
  url: string;
  /** As the test browser reaches it (it resolves only localhost). */
  browserUrl: string;
  token: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ficha-sync-bench-'));
  const env = { ...process.env, FICHA_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', FICHA_RATE_LIMIT: '0' };
  const child = spawn(TSX, ['server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /ready at (http:\/\/[^\s"]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const cli = spawnSync(TSX, ['server/main.ts', 'create-team', 'Bench'], { env, encoding: 'utf8' });
  const token = cli.stdout.trim().split('\n').at(-1)!;
  return {
    url,
    browserUrl: url.replace('127.0.0.1', 'localhost'),
    token,
    headers: { Authorization: `Bearer ${token}`, [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION), 'Content-Type': 'application/json' },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1000));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
