// Members own tokens; removing a member revokes their tokens at once. Logins are cached briefly (auth-cache.ts), so
// these tests warm the cache first and check that every kind of revocation still takes effect on the next request:
// in the same process at once, from another process via NOTIFY (PostgreSQL), and within the TTL when no notice came.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { addMember, findMember, listMembers, removeMember } from '../../server/admin/members.ts';
import { createTeam, createToken, disableTeam, listTokens, revokeToken } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { backends, postgresBackend, twoPostgresProcesses } from './helpers/backends.ts';
import { call } from './helpers/api.ts';

const whoami = (app: App, token: string) => call(app, token, 'GET', '/v1/whoami');

describe.each(backends)('members and revocation on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig({ rateLimit: null, authCacheMs: 60_000 }));
  });
  afterAll(() => handle.close());

  it('a new team has one admin member who owns the first token', async () => {
    const team = await createTeam(handle.db, 'Members One');
    const members = await listMembers(handle.db, team.teamId);
    expect(members).toEqual([expect.objectContaining({ id: team.memberId, name: 'Admin', role: 'admin', tokens: 1, removedAt: null })]);
    expect((await listTokens(handle.db)).find((t) => t.id === team.token.id)).toMatchObject({ memberId: team.memberId, member: 'Admin' });
  });

  it('adds members with a normalised email, refuses bad input and a second active member with the same email', async () => {
    const team = await createTeam(handle.db, 'Members Two');
    const ana = await addMember(handle.db, team.teamId, { name: ' Ana ', email: 'Ana@Example.com', role: 'admin' });
    expect(ana).toMatchObject({ name: 'Ana', email: 'ana@example.com', role: 'admin' });
    expect((await addMember(handle.db, team.teamId, { name: 'Ben' })).role).toBe('member');
    await expect(addMember(handle.db, team.teamId, { name: 'Ana again', email: 'ana@example.com' })).rejects.toThrow(/already a member/);
    await expect(addMember(handle.db, team.teamId, { name: '', email: 'x@y.com' })).rejects.toThrow(/name/);
    await expect(addMember(handle.db, team.teamId, { name: 'X', email: 'not-an-email' })).rejects.toThrow(/not an email/);
    await expect(addMember(handle.db, team.teamId, { name: 'X', role: 'owner' as never })).rejects.toThrow(/Role/);
    expect(await findMember(handle.db, team.teamId, 'ANA@example.com')).toMatchObject({ id: ana.id });
  });

  it('removing a member revokes all their tokens, on the very next request although the login was cached', async () => {
    const team = await createTeam(handle.db, 'Members Three');
    const ana = await addMember(handle.db, team.teamId, { name: 'Ana', email: 'ana@example.com' });
    const laptop = await createToken(handle.db, team.teamId, 'laptop', ana.id);
    const phone = await createToken(handle.db, team.teamId, 'phone', 'ana@example.com');
    expect(phone.memberId).toBe(ana.id);
    for (const t of [laptop, phone, team.token]) expect((await whoami(app, t.token)).status).toBe(200);

    expect(await removeMember(handle.db, ana.id)).toEqual({ revokedTokens: 2 });
    expect((await whoami(app, laptop.token)).status).toBe(401);
    expect((await whoami(app, phone.token)).status).toBe(401);
    expect((await whoami(app, team.token.token)).status).toBe(200); // the admin's token is not Ana's
    expect(await removeMember(handle.db, ana.id)).toBe(false);
    await expect(createToken(handle.db, team.teamId, 'again', ana.id)).rejects.toThrow(/removed/);
    // The email is free again: the same person can be added back as a new member.
    const back = await addMember(handle.db, team.teamId, { name: 'Ana', email: 'ana@example.com' });
    expect(back.id).not.toBe(ana.id);
    expect((await listMembers(handle.db, team.teamId)).find((m) => m.id === ana.id)).toMatchObject({ tokens: 0, removedAt: expect.any(String) });
  });

  it('revoking a token and disabling a team also beat the cache', async () => {
    const team = await createTeam(handle.db, 'Members Four');
    const extra = await createToken(handle.db, team.teamId, 'extra');
    expect((await whoami(app, extra.token)).status).toBe(200);
    expect(await revokeToken(handle.db, extra.id)).toBe(true);
    expect((await whoami(app, extra.token)).status).toBe(401);
    expect((await whoami(app, team.token.token)).status).toBe(200);
    expect(await disableTeam(handle.db, team.teamId)).toBe(true);
    expect((await whoami(app, team.token.token)).status).toBe(401);
  });

  it("team isolation: members and tokens never cross teams", async () => {
    const a = await createTeam(handle.db, 'Iso A');
    const b = await createTeam(handle.db, 'Iso B');
    const anaA = await addMember(handle.db, a.teamId, { name: 'Ana', email: 'ana@example.com' });
    // The same email may be a member of another team; each team sees only its own.
    const anaB = await addMember(handle.db, b.teamId, { name: 'Ana B', email: 'ana@example.com' });
    expect((await listMembers(handle.db, a.teamId)).map((m) => m.id).sort()).toEqual([a.memberId, anaA.id].sort());
    expect((await listMembers(handle.db, b.teamId)).map((m) => m.id)).not.toContain(anaA.id);
    // A member of team A cannot be given a token of team B, by id or by email (the email resolves inside B).
    await expect(createToken(handle.db, b.teamId, 'stolen', anaA.id)).rejects.toThrow(/No member/);
    expect((await createToken(handle.db, b.teamId, 'hers', 'ana@example.com')).memberId).toBe(anaB.id);
    expect(await findMember(handle.db, b.teamId, anaA.id)).toBeUndefined();
    // Removing A's member leaves B's tokens alone.
    const bToken = await createToken(handle.db, b.teamId, 'b laptop', anaB.id);
    await removeMember(handle.db, anaA.id);
    expect((await whoami(app, bToken.token)).json).toMatchObject({ team: { name: 'Iso B' } });
  });
});

describe('auth cache without notifications', () => {
  it('a revocation no process announced takes effect once the TTL has passed', async () => {
    const handle = await backends[0]!.open();
    try {
      let now = 1_000_000;
      const app = createApp(handle, defaultConfig({ rateLimit: null, authCacheMs: 2000, now: () => now }));
      const team = await createTeam(handle.db, 'TTL');
      expect((await whoami(app, team.token.token)).status).toBe(200);
      // Revoke behind the server's back (as a lost NOTIFY would): straight SQL, no authChanged().
      await handle.query('update tokens set revoked_at = now() where id = $1', [team.token.id]);
      now += 1999;
      expect((await whoami(app, team.token.token)).status).toBe(200);
      now += 2;
      expect((await whoami(app, team.token.token)).status).toBe(401);
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!postgresBackend)('revocation across server processes on postgres', () => {
  const db = twoPostgresProcesses();

  it('the admin CLI revoking in another process logs the token out of a server with a cached login, via NOTIFY', async () => {
    const server = createApp(db.one, defaultConfig({ rateLimit: null, authCacheMs: 60_000, crossProcessEvents: true }));
    await server.listening;
    const team = await createTeam(db.one.db, 'Fleet');
    const ana = await addMember(db.one.db, team.teamId, { name: 'Ana' });
    const tokens = await Promise.all(['a', 'b'].map((l) => createToken(db.one.db, team.teamId, l, ana.id)));
    for (const t of [...tokens, team.token]) expect((await whoami(server, t.token)).status).toBe(200);

    const wait401 = async (token: string) => {
      const started = performance.now();
      while ((await whoami(server, token)).status !== 401) {
        if (performance.now() - started > 5000) throw new Error('still logged in 5 s after the revocation');
        await new Promise((r) => setTimeout(r, 20));
      }
      return performance.now() - started;
    };
    await revokeToken(db.two.db, tokens[0]!.id); // `two` is the CLI's own connection
    expect(await wait401(tokens[0]!.token)).toBeLessThan(2000);
    await removeMember(db.two.db, ana.id);
    expect(await wait401(tokens[1]!.token)).toBeLessThan(2000);
    expect((await whoami(server, team.token.token)).status).toBe(200);
  });
});
