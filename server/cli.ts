// The admin CLI. With DATABASE_URL it talks to PostgreSQL directly. With PGlite it opens the data folder
// itself when no server holds it, or asks the running server over loopback (see lock.ts) when one does.
import { openPglite, openPostgres, type DbHandle } from './db/open.ts';
import type { ServerEnv } from './env.ts';
import { acquireLock, pgliteDir, readAdminSecret, readLock } from './lock.ts';
import { createTeam, createToken, disableTeam, findTeam, listTokens, revokeToken } from './admin/tokens.ts';

export const USAGE = `Usage: npm run server [-- <command>]
  (no command)               start the sync server
  create-team "<name>"       create a team and its first token (printed once, on the last line)
  create-token <team> [label] another token for a team (team id or exact name)
  revoke-token <token-id>    revoke a token (ids are listed by list-tokens)
  list-tokens                list tokens (ids, teams, labels, dates; never the secrets)
  disable-team <team>        disable a team: all its tokens stop working, its data stays`;

type Out = (line: string) => void;

interface Ops {
  createTeam(name: string): Promise<{ teamId: string; name: string; token: { id: string; token: string } }>;
  createToken(team: string, label?: string): Promise<{ id: string; token: string; teamId: string }>;
  revokeToken(id: string): Promise<boolean>;
  disableTeam(team: string): Promise<boolean>;
  listTokens(): Promise<Array<{ id: string; teamId: string; team?: string; label: string; createdAt: string; revokedAt: string | null }>>;
}

export async function runCli(env: ServerEnv, argv: string[], out: Out = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const [cmd, ...args] = argv;
  const known = ['create-team', 'create-token', 'revoke-token', 'list-tokens', 'disable-team'];
  if (!cmd || !known.includes(cmd)) {
    process.stderr.write(`${cmd ? `Unknown command "${cmd}"\n` : ''}${USAGE}\n`);
    return 2;
  }
  return withOps(env, async (ops) => {
    switch (cmd) {
      case 'create-team': {
        const name = args.join(' ').trim();
        if (!name) throw new Error('create-team needs a name');
        const r = await ops.createTeam(name);
        out(`Created team "${r.name}" (id ${r.teamId}) and token ${r.token.id}. The token is shown once; store it safely:`);
        out(r.token.token);
        return 0;
      }
      case 'create-token': {
        if (!args[0]) throw new Error('create-token needs a team id or name');
        const t = await ops.createToken(args[0], args.slice(1).join(' ') || undefined);
        out(`Created token ${t.id} for team ${t.teamId}. It is shown once; store it safely:`);
        out(t.token);
        return 0;
      }
      case 'revoke-token': {
        if (!args[0]) throw new Error('revoke-token needs a token id');
        if (!(await ops.revokeToken(args[0]))) throw new Error(`No active token ${args[0]}`);
        out(`Revoked ${args[0]}`);
        return 0;
      }
      case 'disable-team': {
        if (!args[0]) throw new Error('disable-team needs a team id or name');
        if (!(await ops.disableTeam(args.join(' ')))) throw new Error(`No active team "${args.join(' ')}"`);
        out(`Disabled ${args.join(' ')}`);
        return 0;
      }
      default: {
        const list = await ops.listTokens();
        out(['id', 'team', 'label', 'created', 'revoked'].join('\t'));
        for (const t of list) out([t.id, t.team ?? t.teamId, t.label, t.createdAt, t.revokedAt ?? '-'].join('\t'));
        return 0;
      }
    }
  }).catch((e: unknown) => {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  });
}

async function withOps(env: ServerEnv, run: (ops: Ops) => Promise<number>): Promise<number> {
  if (env.databaseUrl) return withDb(await openPostgres(env.databaseUrl, { max: 1 }), run);
  const lock = acquireLock(env.dataDir, 'cli');
  if (lock.ok) {
    try {
      return await withDb(await openPglite(pgliteDir(env.dataDir)), run);
    } finally {
      lock.release();
    }
  }
  if (lock.holder.role === 'cli') throw new Error(`Another admin command (pid ${lock.holder.pid}) is using ${env.dataDir}; try again`);
  return run(await remoteOps(env.dataDir));
}

async function withDb(handle: DbHandle, run: (ops: Ops) => Promise<number>): Promise<number> {
  const { db } = handle;
  try {
    return await run({
      createTeam: (name) => createTeam(db, name),
      async createToken(team, label) {
        const found = await findTeam(db, team);
        if (!found) throw new Error(`No team "${team}"`);
        return createToken(db, found.id, label);
      },
      revokeToken: (id) => revokeToken(db, id),
      async disableTeam(team) {
        const found = await findTeam(db, team);
        return found ? disableTeam(db, found.id) : false;
      },
      listTokens: () => listTokens(db),
    });
  } finally {
    await handle.close();
  }
}

async function remoteOps(dataDir: string): Promise<Ops> {
  // The server may have just started: wait for it to publish its URL.
  let url: string | undefined;
  for (let i = 0; i < 100 && !url; i++) {
    url = readLock(dataDir)?.adminUrl;
    if (!url) await new Promise((r) => setTimeout(r, 100));
  }
  if (!url) throw new Error(`A server holds ${dataDir} but has not published its address`);
  const secret = readAdminSecret(dataDir);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { error?: { message: string } };
    if (!res.ok) throw new Error(json.error?.message ?? `Server answered ${res.status}`);
    return json;
  };
  return {
    createTeam: (name) => call('POST', '/teams', { name }),
    createToken: (team, label) => call('POST', '/tokens', { team, ...(label ? { label } : {}) }),
    revokeToken: async (id) => {
      try {
        await call('POST', `/tokens/${encodeURIComponent(id)}/revoke`);
        return true;
      } catch {
        return false;
      }
    },
    disableTeam: async (team) => {
      try {
        await call('POST', '/teams/disable', { team });
        return true;
      } catch {
        return false;
      }
    },
    listTokens: async () => (await call<{ tokens: Awaited<ReturnType<Ops['listTokens']>> }>('GET', '/tokens')).tokens,
  };
}
