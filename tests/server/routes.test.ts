// The happy paths of every route, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { PullResponseSchema, PushResponseSchema, WhoAmIResponseSchema } from '../../lib/sync/wire.ts';
import { backends } from './helpers/backends.ts';
import { call, del, put } from './helpers/api.ts';

describe.each(backends)('routes on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  let token: string;

  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig());
    token = (await createTeam(handle.db, 'Acme')).token.token;
  });
  afterAll(() => handle.close());

  it('answers /health with 200 and the database kind', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, database: backend.name });
  });

  it('whoami names the team', async () => {
    const { status, json } = await call(app, token, 'GET', '/v1/whoami');
    expect(status).toBe(200);
    expect(WhoAmIResponseSchema.parse(json).team.name).toBe('Acme');
  });

  it('push then pull returns the rows, tombstones included, paginated', async () => {
    const pushed = await call(app, token, 'POST', '/v1/push', {
      clientId: 'c1',
      mutations: [
        put(1, 'c1', 'contacts', 'k1', { name: 'Ana', email: 'ana@example.com' }),
        put(2, 'c1', 'contacts', 'k2', { name: 'Bo' }),
        put(3, 'c1', 'activities', 'a1', { type: 'note.added', summary: 'hi' }, { naturalKey: 'note:1' }),
        del(4, 'c1', 'contacts', 'k2'),
      ],
    });
    expect(pushed.status).toBe(200);
    expect(PushResponseSchema.parse(pushed.json)).toMatchObject({ lastMutationId: 4, applied: 4, replayed: 0, duplicates: [] });

    const seen = new Map<string, unknown>();
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const q = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const { status, json } = await call(app, token, 'GET', `/v1/pull${q}`);
      expect(status).toBe(200);
      const page = PullResponseSchema.parse(json);
      for (const r of page.rows) seen.set(`${r.entity}/${r.id}`, r);
      cursor = page.cursor;
      pages++;
      if (!page.hasMore) break;
    }
    expect(pages).toBe(3);
    expect(seen.get('contacts/k1')).toMatchObject({ deleted: false, fields: { name: 'Ana', email: 'ana@example.com' } });
    expect(seen.get('contacts/k2')).toMatchObject({ deleted: true, fields: {} });
    expect(seen.get('activities/a1')).toMatchObject({ naturalKey: 'note:1', fields: { summary: 'hi' } });

    const again = await call(app, token, 'GET', `/v1/pull?cursor=${cursor}`);
    expect(again.json).toMatchObject({ rows: [], hasMore: false, cursor });
  });

  it('per-field last writer wins: a later stamp on one field keeps the other field', async () => {
    await call(app, token, 'POST', '/v1/push', { clientId: 'c2', mutations: [put(1, 'c2', 'contacts', 'k9', { name: 'Old', title: 'CEO' })] });
    await call(app, token, 'POST', '/v1/push', { clientId: 'c3', mutations: [put(1, 'c3', 'contacts', 'k9', { name: 'New' })] });
    const { json } = await call(app, token, 'GET', '/v1/pull');
    const row = PullResponseSchema.parse(json).rows.find((r) => r.id === 'k9');
    expect(row?.fields).toEqual({ name: 'New', title: 'CEO' });
  });

  it('deduplicates activities by natural key and says which id was kept', async () => {
    await call(app, token, 'POST', '/v1/push', { clientId: 'd1', mutations: [put(1, 'd1', 'activities', 'x1', { s: 1 }, { naturalKey: 'email:m1:k1' })] });
    const dup = await call(app, token, 'POST', '/v1/push', { clientId: 'd2', mutations: [put(1, 'd2', 'activities', 'y1', { s: 2 }, { naturalKey: 'email:m1:k1' })] });
    expect(dup.json).toMatchObject({ lastMutationId: 1, applied: 0, duplicates: [{ entity: 'activities', id: 'y1', keptId: 'x1' }] });
    const { json } = await call(app, token, 'GET', '/v1/pull?limit=1000');
    const rows = PullResponseSchema.parse(json).rows.filter((r) => r.naturalKey === 'email:m1:k1');
    expect(rows.map((r) => r.id)).toEqual(['x1']);
  });

  it('answers CORS preflight for extension origins only', async () => {
    const pre = (origin: string) =>
      app.request('/v1/push', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,ficha-schema-version' } });
    const ok = await pre('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ok.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    const actual = await app.request('/health', { headers: { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(actual.headers.get('access-control-expose-headers')).toBe('Retry-After');
    const ff = await pre('moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    expect(ff.headers.get('access-control-allow-origin')).toBe('moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    const evil = await pre('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets security headers and serves Prometheus metrics', async () => {
    const res = await app.request('/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/ficha_http_requests_total\{route="\/health",method="GET",status="200"\} \d+/);
    expect(metrics).toMatch(/ficha_http_request_duration_seconds_bucket\{route="\/v1\/push",le="\+Inf"\} \d+/);
    expect(metrics).toMatch(/ficha_sync_seconds_since_last_push \d/);
    expect(metrics).toContain('ficha_sync_pull_lag_versions');
  });

  it('streams head changes over SSE', async () => {
    const res = await app.request('/v1/events', { headers: { Authorization: `Bearer ${token}`, 'Ficha-Schema-Version': '1' } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (re: RegExp) => {
      while (!re.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil(/event: head\ndata: \{"head":\d+\}/);
    const before = Number(/"head":(\d+)/.exec(text)![1]);
    text = '';
    await call(app, token, 'POST', '/v1/push', { clientId: 'sse', mutations: [put(1, 'sse', 'contacts', 's1', { n: 1 })] });
    await readUntil(/"head":\d+/);
    expect(Number(/"head":(\d+)/.exec(text)![1])).toBe(before + 1);
    await reader.cancel();
  });
});
