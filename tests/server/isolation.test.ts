// Team A's token can never read, write or learn of team B's rows, on any route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { PullResponseSchema } from '../../lib/sync/wire.ts';
import { backends } from './helpers/backends.ts';
import { call, put } from './helpers/api.ts';

describe.each(backends)('team isolation on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  let a: string;
  let b: string;
  const adminSecret = 'admin-secret-for-tests';

  const pullAll = async (token: string) => PullResponseSchema.parse((await call(app, token, 'GET', '/v1/pull?limit=1000')).json);

  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig({ rateLimit: null, adminSecret }));
    a = (await createTeam(handle.db, 'Team A')).token.token;
    b = (await createTeam(handle.db, 'Team B')).token.token;
    const res = await call(app, b, 'POST', '/v1/push', {
      clientId: 'shared',
      mutations: [
        put(1, 'shared', 'contacts', 'same-id', { name: 'B secret' }),
        put(2, 'shared', 'activities', 'act-b', { summary: 'B mail' }, { naturalKey: 'email:m1:k1' }),
        put(3, 'shared', 'contacts', 'b-only', { name: 'B only' }),
      ],
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => handle.close());

  it('covers every route the app serves', () => {
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].sort()).toEqual(
      [
        'GET /health',
        'GET /metrics',
        'GET /v1/whoami',
        'POST /v1/push',
        'GET /v1/pull',
        'GET /v1/events',
        'POST /admin/teams',
        'POST /admin/teams/disable',
        'POST /admin/tokens',
        'POST /admin/tokens/:id/revoke',
        'GET /admin/tokens',
        'POST /admin/members',
        'GET /admin/members',
        'POST /admin/members/:id/remove',
      ].sort(),
    );
  });

  it('whoami and pull show only the own team, whatever the cursor', async () => {
    expect((await call(app, a, 'GET', '/v1/whoami')).json).toMatchObject({ team: { name: 'Team A' }, head: 0 });
    const bPage = await pullAll(b);
    const aPage = await pullAll(a);
    expect(aPage.rows).toEqual([]);
    expect(aPage.head).toBe(0);
    const withBCursor = PullResponseSchema.parse((await call(app, a, 'GET', `/v1/pull?cursor=${bPage.cursor}`)).json);
    expect(withBCursor.rows).toEqual([]);
  });

  it('push with the same ids, clientId and natural keys as team B touches only team A', async () => {
    const before = await pullAll(b);
    const res = await call(app, a, 'POST', '/v1/push', {
      clientId: 'shared',
      mutations: [
        put(1, 'shared', 'contacts', 'same-id', { name: 'A' }),
        put(2, 'shared', 'activities', 'act-a', { summary: 'A mail' }, { naturalKey: 'email:m1:k1' }),
        { mutationId: 3, op: 'delete', entity: 'contacts', id: 'b-only', hlc: put(0, 'shared', 'contacts', 'x', {}).hlc },
      ],
    });
    // B's client "shared" already applied 1-3 in team B: in team A they are new, and no duplicate is reported.
    expect(res.json).toMatchObject({ lastMutationId: 3, applied: 3, replayed: 0, duplicates: [] });
    expect(await pullAll(b)).toEqual(before);
    const mine = await pullAll(a);
    expect(mine.rows.map((r) => `${r.entity}/${r.id}/${r.deleted}`).sort()).toEqual(['activities/act-a/false', 'contacts/b-only/true', 'contacts/same-id/false']);
    expect(JSON.stringify(mine)).not.toContain('B secret');
  });

  it('events stream only the own team head', async () => {
    const res = await app.request('/v1/events', { headers: { Authorization: `Bearer ${a}`, 'Ficha-Schema-Version': '1' } });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const headA = (await pullAll(a)).head;
    expect(first).toContain(`"head":${headA}`);
    await call(app, b, 'POST', '/v1/push', { clientId: 'other', mutations: [put(1, 'other', 'contacts', 'b2', { n: 1 })] });
    const next = await Promise.race([reader.read().then(() => 'event'), new Promise((r) => setTimeout(() => r('quiet'), 300))]);
    expect(next).toBe('quiet');
    await reader.cancel();
  });

  it('team tokens cannot use the admin endpoints', async () => {
    const adminPaths = [
      ['POST', '/admin/teams'],
      ['POST', '/admin/teams/disable'],
      ['POST', '/admin/tokens'],
      ['POST', '/admin/tokens/x/revoke'],
      ['GET', '/admin/tokens'],
      ['POST', '/admin/members'],
      ['GET', '/admin/members'],
      ['POST', '/admin/members/x/remove'],
    ] as const;
    for (const [method, path] of adminPaths) {
      const res = await call(app, a, method, path, method === 'POST' ? { name: 'x', team: 'Team B' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const listed = await app.request('/admin/tokens', { headers: { Authorization: `Bearer ${adminSecret}` } });
    expect(listed.status).toBe(200);
  });

  it('admin member routes act inside the named team only', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      app.request(path, { method, headers: { Authorization: `Bearer ${adminSecret}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const added = (await (await admin('POST', '/admin/members', { team: 'Team A', name: 'Ana', email: 'ana@a.com' })).json()) as { id: string; teamId: string };
    const listedB = (await (await admin('GET', '/admin/members?team=Team%20B')).json()) as { members: Array<{ id: string; team: string }> };
    expect(listedB.members.map((m) => m.team)).toEqual(['Team B']);
    expect(listedB.members.map((m) => m.id)).not.toContain(added.id);
    // A token for team B naming team A's member is refused (400) and nothing is created.
    const before = ((await (await admin('GET', '/admin/tokens')).json()) as { tokens: unknown[] }).tokens.length;
    const refused = await admin('POST', '/admin/tokens', { team: 'Team B', member: added.id });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/No member/);
    expect(((await (await admin('GET', '/admin/tokens')).json()) as { tokens: unknown[] }).tokens.length).toBe(before);
    // Removing team A's member leaves team B's token working.
    const tokenA = (await (await admin('POST', '/admin/tokens', { team: 'Team A', member: 'ana@a.com' })).json()) as { token: string };
    const removed = await admin('POST', `/admin/members/${added.id}/remove`);
    expect(await removed.json()).toMatchObject({ removed: added.id, revokedTokens: 1 });
    expect((await call(app, tokenA.token, 'GET', '/v1/whoami')).status).toBe(401);
    expect((await call(app, b, 'GET', '/v1/whoami')).json).toMatchObject({ team: { name: 'Team B' } });
    expect((await admin('POST', '/admin/members', { team: 'Team A', name: 'Bad', role: 'owner' })).status).toBe(400);
    expect((await admin('POST', '/admin/members', { team: 'No Such Team', name: 'Nobody' })).status).toBe(404);
  });

  it('/health and /metrics name no team, token or row', async () => {
    const text = (await (await app.request('/metrics')).text()) + (await (await app.request('/health')).text());
    expect(text).not.toMatch(/Team [AB]|same-id|B secret|ficha_tok/);
  });
});
