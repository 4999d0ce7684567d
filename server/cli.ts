// The admin CLI. With DATABASE_URL it talks to PostgreSQL directly. With PGlite it opens the data folder
// itself when no server holds it, or asks the running server over loopback (see lock.ts) when one does.
import { openPglite, openPostgres, type DbHandle } from './db/open.ts';
import type { ServerEnv } from './env.ts';
import { acquireLock, pgliteDir, readAdminSecret, readLock } from './lock.ts';
import { addMember, listMembers, removeMember, ROLES, type Role } from './admin/members.ts';
import { createTeam, createToken, disableTeam, findTeam, listTokens, revokeToken } from './admin/tokens.ts';

export const USAGE = `Usage: npm run server [-- <command>]
  (no command)               start the sync server
  create-team "<name>"       create a team, its first member ("Admin", role admin) and that member's first token
                             (printed once, on the last line)
  create-token <team> [label] [--member <member id or email>]
                             another token for a team (team id or exact name), optionally for one of its members
  revoke-token <token-id>    revoke a token (ids are listed by list-tokens)
  list-tokens                list tokens (ids, teams, labels, dates, members; never the secrets)
  add-member <team> "<name>" [email] [--role admin|member]
                             add a member to a team (role member unless given); prints the member id
  list-members [team]        list members (ids, teams, names, emails, roles, active tokens, dates)
  remove-member <member-id>  remove a member and revoke all their tokens at once
  disable-team <team>        disable a team: all its tokens stop working, its data stays`;

type Out = (line: string) => void;

type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

interface Ops {
  createTeam(name: string): Promise<{ teamId: string; name: string; token: { id: string; token: string } }>;
  createToken(team: string, label?: string, member?: string): Promise<{ id: string; token: string; teamId: string; memberId: string | null }>;
  revokeToken(id: string): Promise<boolean>;
  disableTeam(team: string): Promise<boolean>;
  listTokens(): Promise<Array<{ id: string; teamId: string; team?: string; label: string; member?: string | null; createdAt: string; revokedAt: string | null }>>;
  addMember(team: string, input: { name: string; email?: string; role?: Role }): Promise<{ id: string; teamId: string; name: string; email: string | null; role: string }>;
  listMembers(team?: string): Promise<MemberRow[]>;
  removeMember(id: string): Promise<{ revokedTokens: number } | false>;
}

/** Splits `--name value` / `--name=value` options out of the positional arguments. */
function options(args: string[], names: string[]): { positional: string[]; opts: Record<string, string> } {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    if (!names.includes(m[1]!)) throw new Error(`Unknown option --${m[1]} (known: ${names.map((n) => `--${n}`).join(', ')})`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '') throw new Error(`--${m[1]} needs a value`);
    opts[m[1]!] = value;
  }
  return { positional, opts };
}

export async function runCli(env: ServerEnv, argv: string[], out: Out = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const [cmd, ...args] = argv;
  const known = ['create-team', 'create-token', 'revoke-token', 'list-tokens', 'disable-team', 'add-member', 'list-members', 'remove-member'];
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
        const { positional, opts } = options(args, ['member']);
        if (!positional[0]) throw new Error('create-token needs a team id or name');
        const t = await ops.createToken(positional[0], positional.slice(1).join(' ') || undefined, opts.member);
        out(`Created token ${t.id} for team ${t.teamId}${t.memberId ? ` (member ${t.memberId})` : ''}. It is shown once; store it safely:`);
        out(t.token);
        return 0;
      }
      case 'add-member': {
        const { positional, opts } = options(args, ['role']);
        const [team, name, email, extra] = positional;
        if (!team || !name) throw new Error('add-member needs a team and a name: add-member <team> "<name>" [email] [--role admin|member]');
        if (extra !== undefined) throw new Error('add-member takes one name (quote it if it has spaces) and one email');
        const role = opts.role;
        if (role !== undefined && !(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be ${ROLES.join(' or ')}`);
        const m = await ops.addMember(team, { name, ...(email ? { email } : {}), ...(role ? { role: role as Role } : {}) });
        out(`Added ${m.role} "${m.name}"${m.email ? ` <${m.email}>` : ''} to team ${m.teamId}. Member id:`);
        out(m.id);
        return 0;
      }
      case 'list-members': {
        const list = await ops.listMembers(args.join(' ').trim() || undefined);
        out(['id', 'team', 'name', 'email', 'role', 'tokens', 'created', 'removed'].join('\t'));
        for (const m of list) out([m.id, m.team, m.name, m.email ?? '-', m.role, String(m.tokens), m.createdAt, m.removedAt ?? '-'].join('\t'));
        return 0;
      }
      case 'remove-member': {
        if (!args[0]) throw new Error('remove-member needs a member id (ids are listed by list-members)');
        const done = await ops.removeMember(args[0]);
        if (!done) throw new Error(`No active member ${args[0]}`);
        out(`Removed ${args[0]} and revoked ${done.revokedTokens} token${done.revokedTokens === 1 ? '' : 's'}`);
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
        out(['id', 'team', 'label', 'created', 'revoked', 'member'].join('\t'));
        for (const t of list) out([t.id, t.team ?? t.teamId, t.label, t.createdAt, t.revokedAt ?? '-', t.member ?? '-'].join('\t'));
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
      async createToken(team, label, member) {
        const found = await findTeam(db, team);
        if (!found) throw new Error(`No team "${team}"`);
        return createToken(db, found.id, label, member);
      },
      async addMember(team, input) {
        const found = await findTeam(db, team);
        if (!found) throw new Error(`No team "${team}"`);
        return addMember(db, found.id, input);
      },
      async listMembers(team) {
        if (team === undefined) return listMembers(db);
        const found = await findTeam(db, team);
        if (!found) throw new Error(`No team "${team}"`);
        return listMembers(db, found.id);
      },
      removeMember: (id) => removeMember(db, id),
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
    createToken: (team, label, member) => call('POST', '/tokens', { team, ...(label ? { label } : {}), ...(member ? { member } : {}) }),
    addMember: (team, input) => call('POST', '/members', { team, ...input }),
    listMembers: async (team) => (await call<{ members: MemberRow[] }>('GET', `/members${team ? `?team=${encodeURIComponent(team)}` : ''}`)).members,
    removeMember: async (id) => {
      try {
        return await call<{ revokedTokens: number }>('POST', `/members/${encodeURIComponent(id)}/remove`);
      } catch {
        return false;
      }
    },
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
