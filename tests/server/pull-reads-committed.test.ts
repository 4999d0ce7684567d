// A pull reads only committed rows, even on PGlite where pushes and pulls share one connection: a pull that
// arrives while a push's transaction is open must not see (and hand out a cursor past) rows that may roll back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import type { DbHandle } from '../../server/db/open.ts';
import { rows, teams } from '../../server/db/schema.ts';
import { PullResponseSchema } from '../../lib/sync/wire.ts';
import { backends } from './helpers/backends.ts';
import { call } from './helpers/api.ts';

describe.each(backends)('pull isolation on $name', (backend) => {
  let handle: DbHandle;
  let app: App;
  let token: string;
  let teamId: string;

  beforeAll(async () => {
    handle = await backend.open();
    app = createApp(handle, defaultConfig({ rateLimit: null }));
    const created = await createTeam(handle.db, 'Isolated');
    token = created.token.token;
    teamId = created.teamId;
    // Logged in once, so the pull below is not held up by a token lookup instead of by the transaction.
    expect((await call(app, token, 'GET', '/v1/pull?limit=1')).status).toBe(200);
  });
  afterAll(() => handle.close());

  it('a pull during an open transaction that rolls back sees none of its rows', async () => {
    let pulled: Promise<Awaited<ReturnType<typeof call>>> | undefined;
    const rolledBack = handle.db.transaction(async (tx) => {
      await tx.update(teams).set({ version: 1 }).where(eq(teams.id, teamId));
      const payload = JSON.stringify({ entity: 'contacts', id: 'ghost', naturalKey: null, deleted: false, fields: {}, clocks: {}, put: '', del: '', version: 1 });
      await tx.insert(rows).values({ teamId, entity: 'contacts', id: 'ghost', naturalKey: null, deleted: false, version: 1, payload });
      // The pull is asked for while the write is uncommitted, then the write is abandoned.
      pulled = call(app, token, 'GET', '/v1/pull?limit=10');
      await new Promise((r) => setTimeout(r, 100));
      throw new Error('abandon');
    });
    await expect(rolledBack).rejects.toThrow('abandon');
    const { json } = await pulled!;
    expect(json.rows.map((r: { id: string }) => r.id)).toEqual([]);
    expect(PullResponseSchema.parse(json).head).toBe(0);
  });
});
