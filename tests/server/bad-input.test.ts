// Bad requests get a 4xx JSON error with a clear message, and write nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam, createToken, disableTeam, revokeToken } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { encodeHlc } from '../../lib/sync/hlc.ts';
import { ErrorBodySchema, LIMITS } from '../../lib/sync/wire.ts';
import { eq } from 'drizzle-orm';
import { rows } from '../../server/db/schema.ts';
import { backends } from './helpers/backends.ts';
import { call, put } from './helpers/api.ts';

describe.each(backends)('bad input on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  let token: string;
  let teamId: string;
  const logs: string[] = [];

  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig({ rateLimit: null, logger: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) }));
    const team = await createTeam(handle.db, 'Bad Inputs');
    token = team.token.token;
    teamId = team.teamId;
  });
  afterAll(() => handle.close());

  const snapshot = async () => (await call(app, token, 'GET', '/v1/pull?limit=1000')).json as { rows: unknown[]; head: number };

  async function expectError(res: { status: number; json: unknown }, status: number, code: string) {
    expect(res.status).toBe(status);
    const body = ErrorBodySchema.parse(res.json);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    return body.error;
  }

  async function expectNothingWritten(run: () => Promise<void>) {
    const before = await snapshot();
    await run();
    expect(await snapshot()).toEqual(before);
  }

  it('malformed JSON is a 400', () =>
    expectNothingWritten(async () => {
      await expectError(await call(app, token, 'POST', '/v1/push', '{"clientId": "c1", "mutations": ['), 400, 'invalid_request');
    }));

  it('wrong types are a 400 that points at the field', () =>
    expectNothingWritten(async () => {
      const m = { ...put(1, 'c1', 'contacts', 'k1', { a: 1 }), mutationId: '1' };
      const err = await expectError(await call(app, token, 'POST', '/v1/push', { clientId: 'c1', mutations: [m] }), 400, 'invalid_request');
      expect(err.message).toContain('mutations.0.mutationId');
      expect(err.details).toMatchObject({ issues: [{ path: 'mutations.0.mutationId' }] });
    }));

  it('unknown fields, unknown entities, bad ids and non-consecutive batches are refused', () =>
    expectNothingWritten(async () => {
      const ok = put(1, 'c1', 'contacts', 'k1', { a: 1 });
      for (const body of [
        { clientId: 'c1', mutations: [ok], extra: true },
        { clientId: 'c1', mutations: [{ ...ok, sneaky: 1 }] },
        { clientId: 'c1', mutations: [{ ...ok, entity: 'users' }] },
        { clientId: 'c1', mutations: [{ ...ok, id: '' }] },
        { clientId: 'c 1', mutations: [ok] },
        { clientId: 'c1', mutations: [ok, put(3, 'c1', 'contacts', 'k2', {})] },
        { clientId: 'c1', mutations: [put(1, 'c1', 'activities', 'a1', {})] }, // no natural key
        { clientId: 'c1', mutations: [put(1, 'c1', 'contacts', 'k1', {}, { naturalKey: 'x' })] }, // natural keys are for activities
        { clientId: 'c1', mutations: [put(1, 'other', 'contacts', 'k1', {})] }, // stamp of another client
        { clientId: 'c1', mutations: [] },
      ]) {
        await expectError(await call(app, token, 'POST', '/v1/push', body), 400, 'invalid_request');
      }
    }));

  it(`a batch over ${LIMITS.maxBatch} mutations is a 400, a body over ${LIMITS.maxBodyBytes} bytes a 413`, () =>
    expectNothingWritten(async () => {
      const many = Array.from({ length: LIMITS.maxBatch + 1 }, (_, i) => put(i + 1, 'c1', 'contacts', `k${i}`, {}));
      await expectError(await call(app, token, 'POST', '/v1/push', { clientId: 'c1', mutations: many }), 400, 'invalid_request');
      const huge = { clientId: 'c1', mutations: [put(1, 'c1', 'contacts', 'k1', { blob: 'x'.repeat(LIMITS.maxBodyBytes) })] };
      await expectError(await call(app, token, 'POST', '/v1/push', huge), 413, 'payload_too_large');
      const fat = { clientId: 'c1', mutations: [put(1, 'c1', 'contacts', 'k1', { blob: 'x'.repeat(LIMITS.maxFieldsBytes) })] };
      await expectError(await call(app, token, 'POST', '/v1/push', fat), 400, 'invalid_request');
    }));

  it('replayed mutation ids are acknowledged, not applied twice', async () => {
    const batch = { clientId: 'r1', mutations: [put(1, 'r1', 'contacts', 'rk', { n: 1 }), put(2, 'r1', 'activities', 'ra', { s: 1 }, { naturalKey: 'note:r' })] };
    const first = await call(app, token, 'POST', '/v1/push', batch);
    expect(first.json).toMatchObject({ lastMutationId: 2, applied: 2, replayed: 0 });
    const before = await snapshot();
    const again = await call(app, token, 'POST', '/v1/push', batch);
    expect(again.json).toMatchObject({ lastMutationId: 2, applied: 0, replayed: 2, head: before.head });
    expect(await snapshot()).toEqual(before);
    const overlap = await call(app, token, 'POST', '/v1/push', { clientId: 'r1', mutations: [...batch.mutations, put(3, 'r1', 'contacts', 'rk', { n: 3 })] });
    expect(overlap.json).toMatchObject({ lastMutationId: 3, applied: 1, replayed: 2 });
  });

  it('a batch after a missing mutation is a 409 that says where to resume', () =>
    expectNothingWritten(async () => {
      const err = await expectError(await call(app, token, 'POST', '/v1/push', { clientId: 'g1', mutations: [put(2, 'g1', 'contacts', 'gk', {})] }), 409, 'mutation_gap');
      expect(err.details).toEqual({ lastMutationId: 0 });
    }));

  it('a stamp far in the future fails the whole batch', () =>
    expectNothingWritten(async () => {
      const future = encodeHlc({ wall: Date.now() + 2 * 3600_000, counter: 0, clientId: 'f1' });
      const body = { clientId: 'f1', mutations: [put(1, 'f1', 'contacts', 'fk', { a: 1 }), put(2, 'f1', 'contacts', 'fk2', { a: 1 }, { hlc: future })] };
      await expectError(await call(app, token, 'POST', '/v1/push', body), 400, 'clock_in_future');
    }));

  it('missing, unknown and revoked tokens are 401 and write nothing', async () => {
    const extra = await createToken(handle.db, teamId, 'to revoke');
    expect((await call(app, extra.token, 'GET', '/v1/whoami')).status).toBe(200);
    await revokeToken(handle.db, extra.id);
    await expectNothingWritten(async () => {
      const body = { clientId: 'v1', mutations: [put(1, 'v1', 'contacts', 'vk', {})] };
      const revoked = await expectError(await call(app, extra.token, 'POST', '/v1/push', body), 401, 'unauthorized');
      expect(revoked.message).toMatch(/revoked/);
      await expectError(await call(app, 'ficha_nope_nope', 'POST', '/v1/push', body), 401, 'unauthorized');
      const res = await app.request('/v1/pull', { headers: { 'Ficha-Schema-Version': '1' } });
      await expectError({ status: res.status, json: await res.json() }, 401, 'unauthorized');
    });
  });

  it('a token of a disabled team is 401 and writes nothing', async () => {
    const other = await createTeam(handle.db, 'Soon disabled');
    expect((await call(app, other.token.token, 'GET', '/v1/whoami')).status).toBe(200);
    expect(await disableTeam(handle.db, other.teamId)).toBe(true);
    const body = { clientId: 'dt', mutations: [put(1, 'dt', 'contacts', 'dk', { a: 1 })] };
    const err = await expectError(await call(app, other.token.token, 'POST', '/v1/push', body), 401, 'unauthorized');
    expect(err.message).toMatch(/disabled/);
    const [row] = await handle.db.select().from(rows).where(eq(rows.teamId, other.teamId));
    expect(row).toBeUndefined();
  });

  it('schema versions: missing is 400, older 426 update needed, newer 409', async () => {
    await expectError(await call(app, token, 'GET', '/v1/pull', undefined, { 'Ficha-Schema-Version': '' }), 400, 'schema_version_missing');
    const old = await expectError(await call(app, token, 'GET', '/v1/pull', undefined, { 'Ficha-Schema-Version': '0' }), 426, 'client_update_needed');
    expect(old.message).toMatch(/Update/);
    await expectError(await call(app, token, 'GET', '/v1/pull', undefined, { 'Ficha-Schema-Version': '99' }), 409, 'server_update_needed');
  });

  it('bad cursors and limits are 400; unknown routes 404', async () => {
    await expectError(await call(app, token, 'GET', '/v1/pull?cursor=garbage'), 400, 'invalid_request');
    await expectError(await call(app, token, 'GET', '/v1/pull?limit=100000'), 400, 'invalid_request');
    await expectError(await call(app, token, 'GET', '/v1/pull?unknown=1'), 400, 'invalid_request');
    await expectError(await call(app, token, 'GET', '/v1/nothing'), 404, 'not_found');
    await expectError(await call(app, token, 'GET', '/admin/tokens'), 404, 'not_found'); // no admin secret configured
  });

  it('rate limits per token with 429 and Retry-After', async () => {
    const limited = createApp(handle, defaultConfig({ rateLimit: { perSecond: 1, burst: 3 } }));
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await limited.request('/v1/whoami', { headers: { Authorization: `Bearer ${token}`, 'Ficha-Schema-Version': '1' } });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('logs carry neither tokens nor field values', () => {
    const all = logs.join('\n');
    expect(all).toContain('"msg":"request"');
    expect(all).not.toContain(token);
    expect(all).not.toContain('ficha_');
    expect(all).not.toContain('note:r');
  });
});

describe('database down', () => {
  it('/health is 503 and API calls a JSON 500', async () => {
    const backend = backends[0]!;
    const handle = await backend.open();
    const { token } = (await createTeam(handle.db, 'Down')).token;
    const app = createApp(handle, defaultConfig());
    await handle.close();
    const health = await app.request('/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ error: { code: 'unavailable' } });
    const res = await call(app, token, 'GET', '/v1/whoami');
    expect(res.status).toBe(500);
    expect(res.json).toMatchObject({ error: { code: 'internal', message: 'Internal server error' } });
  });
});
