// On PostgreSQL, a push to one server process reaches SSE clients of another (LISTEN/NOTIFY), so teams that run
// several servers behind a load balancer keep the "edit visible on the other device within 2 s" figure.
import { describe, expect, it } from 'vitest';
import { createApp, defaultConfig } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import { postgresBackend, twoPostgresProcesses } from './helpers/backends.ts';
import { call, put } from './helpers/api.ts';

describe.skipIf(!postgresBackend)('events across server processes on postgres', () => {
  const db = twoPostgresProcesses();

  it('announces a push made through the other process', async () => {
    const token = (await createTeam(db.one.db, 'Fleet')).token.token;
    const appOne = createApp(db.one, defaultConfig());
    const appTwo = createApp(db.two, defaultConfig({ crossProcessEvents: true }));
    await appTwo.listening;
    const res = await appTwo.request('/v1/events', { headers: { Authorization: `Bearer ${token}`, 'Ficha-Schema-Version': '1' } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('"head":0');
    const started = performance.now();
    const pushed = await call(appOne, token, 'POST', '/v1/push', { clientId: 'p1', mutations: [put(1, 'p1', 'contacts', 'x', { n: 1 })] });
    expect(pushed.json.head).toBe(1);
    while (!text.includes('"head":1')) text += decoder.decode((await reader.read()).value);
    expect(performance.now() - started).toBeLessThan(2000);
    await reader.cancel();
  });
});
