// PGlite keeps its database in one folder that only one process may open. The server takes
// `<dataDir>/ficha.lock` (created exclusively; a lock whose pid is dead is stale and replaced) and refuses to
// start when another live process holds it. So that the admin CLI still works while the server runs, the
// server writes its loopback URL into the lock and a fresh random admin secret into `<dataDir>/admin.secret`
// (mode 0600: only the user running the server can read it); the CLI then calls /admin/* with that secret.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockInfo {
  pid: number;
  role: 'server' | 'cli';
  /** Where the CLI reaches the running server (set once it listens). */
  adminUrl?: string;
}

export const lockPath = (dataDir: string) => join(dataDir, 'ficha.lock');
export const secretPath = (dataDir: string) => join(dataDir, 'admin.secret');
export const pgliteDir = (dataDir: string) => join(dataDir, 'pgdata');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo;
    return alive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export type Acquired = { ok: true; release: () => void; update: (info: Partial<LockInfo>) => void } | { ok: false; holder: LockInfo };

export function acquireLock(dataDir: string, role: LockInfo['role']): Acquired {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = lockPath(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify({ pid: process.pid, role }));
      closeSync(fd);
      let current: LockInfo = { pid: process.pid, role };
      return {
        ok: true,
        update(info) {
          current = { ...current, ...info };
          const tmp = `${path}.${process.pid}.tmp`;
          writeFileSync(tmp, JSON.stringify(current), { mode: 0o600 });
          renameSync(tmp, path);
        },
        release() {
          if (readLock(dataDir)?.pid === process.pid) unlinkSync(path);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dataDir);
      if (holder) return { ok: false, holder };
      try {
        unlinkSync(path); // stale: its process is gone
      } catch {
        // another process removed it first; retry
      }
    }
  }
  const holder = readLock(dataDir);
  if (holder) return { ok: false, holder };
  throw new Error(`Could not take ${path}`);
}

export function writeAdminSecret(dataDir: string): string {
  const secret = randomBytes(32).toString('base64url');
  const path = secretPath(dataDir);
  writeFileSync(path, secret, { mode: 0o600 });
  chmodSync(path, 0o600); // in case it existed with looser permissions
  return secret;
}

export const readAdminSecret = (dataDir: string) => readFileSync(secretPath(dataDir), 'utf8').trim();
