// Upgrading a database made by an older server keeps its data: rows written before the payload column existed
// (migrations 0002-0003 fold fields, clocks and put/delete clocks into it) pull exactly as they did, and keep merging.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, defaultConfig } from '../../server/app.ts';
import { createToken } from '../../server/admin/tokens.ts';
import { openPglite } from '../../server/db/open.ts';
import { PullResponseSchema } from '../../lib/sync/wire.ts';
import { call, put } from './helpers/api.ts';

const migrations = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));

describe('migrations on an existing PGlite folder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ficha-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rows written by the 0001 schema pull unchanged after upgrading, and old tokens still work', async () => {
    // The migration set as the previous server shipped it: only 0000 and 0001.
    const old = join(dir, 'old-migrations');
    cpSync(migrations, old, { recursive: true });
    const journal = JSON.parse(readFileSync(join(old, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ idx: number }> };
    journal.entries = journal.entries.filter((e) => e.idx <= 1);
    writeFileSync(join(old, 'meta/_journal.json'), JSON.stringify(journal));

    const data = join(dir, 'pgdata');
    const client = await PGlite.create(data);
    await migrate(drizzle({ client }), { migrationsFolder: old });
    const hash = 'a'.repeat(64);
    await client.exec(`
      insert into teams (id, name, version) values ('t1', 'Old team', 2);
      insert into tokens (id, team_id, label, hash) values ('tokold', 't1', 'old', '${hash}');
      insert into rows (team_id, entity, id, natural_key, fields, clocks, put_clock, del_clock, deleted, version) values
        ('t1', 'contacts', 'c1', null, '{"name":"Ana","tags":["a"]}', '{"name":"001700000000000:000000:x","tags":"001700000000000:000000:x"}', '001700000000000:000000:x', null, false, 1),
        ('t1', 'activities', 'a1', 'email:m:c1', '{"summary":"Hi"}', '{"summary":"001700000000001:000000:x"}', '001700000000001:000000:x', null, false, 1),
        ('t1', 'contacts', 'c2', null, '{}', '{}', '001700000000000:000000:x', '001700000000002:000000:x', true, 2);`);
    await client.close();

    const handle = await openPglite(data); // runs 0002 onwards
    try {
      // The old token's hash cannot be reversed here, so give the team a new token alongside it.
      const token = (await createToken(handle.db, 't1', 'new')).token;
      const app = createApp(handle, defaultConfig({ rateLimit: null }));
      const page = PullResponseSchema.parse((await call(app, token, 'GET', '/v1/pull?limit=10')).json);
      expect(page.head).toBe(2);
      expect(page.rows).toEqual([
        { entity: 'activities', id: 'a1', naturalKey: 'email:m:c1', deleted: false, fields: { summary: 'Hi' }, clocks: { summary: '001700000000001:000000:x' }, put: '001700000000001:000000:x', del: null, version: 1 },
        { entity: 'contacts', id: 'c1', naturalKey: null, deleted: false, fields: { name: 'Ana', tags: ['a'] }, clocks: { name: '001700000000000:000000:x', tags: '001700000000000:000000:x' }, put: '001700000000000:000000:x', del: null, version: 1 },
        { entity: 'contacts', id: 'c2', naturalKey: null, deleted: true, fields: {}, clocks: {}, put: '001700000000000:000000:x', del: '001700000000002:000000:x', version: 2 },
      ]);
      // Merging onto a migrated row: a newer write wins one field, the other stays; the old natural key still dedups.
      const pushed = await call(app, token, 'POST', '/v1/push', {
        clientId: 'y',
        mutations: [put(1, 'y', 'contacts', 'c1', { name: 'Ana María' }), put(2, 'y', 'activities', 'a2', { summary: 'Hi' }, { naturalKey: 'email:m:c1' })],
      });
      expect(pushed.json).toMatchObject({ applied: 1, duplicates: [{ id: 'a2', keptId: 'a1' }] });
      const after = PullResponseSchema.parse((await call(app, token, 'GET', `/v1/pull?cursor=${page.cursor}`)).json);
      expect(after.rows.map((r) => [r.id, r.fields])).toEqual([['c1', { name: 'Ana María', tags: ['a'] }]]);
      const [old] = await handle.query<{ member_id: string | null; revoked_at: string | null }>('select member_id, revoked_at from tokens where id = $1', ['tokold']);
      expect(old).toEqual({ member_id: null, revoked_at: null }); // tokens from before members keep working, team-only
    } finally {
      await handle.close();
    }
  }, 180_000);
});
