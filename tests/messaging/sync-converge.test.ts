// @vitest-environment node
// Replicas converge on the awkward schedules: a contact deleted on one device and edited on another that had not
// heard of the delete; a reconnect to another team while a sync of the first is still running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam } from '../../server/admin/tokens.ts';
import { openPglite, type DbHandle } from '../../server/db/open.ts';
import type { FetchLike } from '@/lib/sync/client-http';
import type { RequestInput, RequestType, Responses } from '@/lib/messaging/protocol';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { startBackground } from './background-harness';

let handle: DbHandle;
let app: App;
beforeAll(async () => {
  handle = await openPglite();
  app = createApp(handle, defaultConfig({ rateLimit: null }));
}, 60_000);
afterAll(() => handle.close());

function device(fetch: FetchLike = async (input, init) => app.request(input, init)) {
  const bg = startBackground({ sync: { fetch, pushDelayMs: 60_000, random: () => 0.5 } });
  async function send<T extends RequestType>(message: Extract<RequestInput, { type: T }>): Promise<Responses[T]> {
    const reply = (await bg.handle(message, { id: fakeBrowser.runtime.id })) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.data as Responses[T];
  }
  return { ...bg, send };
}

describe('sync convergence', () => {
  it('a contact deleted in B and then edited in A (before A heard of it) ends deleted on both', async () => {
    const { token } = (await createTeam(handle.db, 'Tombstones')).token;
    const a = device();
    const b = device();
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'x@acme.com', displayName: 'Xavi Yus' } });
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    expect(await b.db.contacts.get(contact.id)).toBeDefined();

    await b.db.contacts.delete(contact.id);
    await b.send({ type: 'sync.now' });
    await new Promise((r) => setTimeout(r, 5));
    await a.db.contacts.update(contact.id, { title: 'CTO', updatedAt: Date.now() });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });

    expect(await a.db.contacts.get(contact.id)).toBeUndefined();
    expect(await b.db.contacts.get(contact.id)).toBeUndefined();
    const [sa, sb] = [await a.send({ type: 'sync.status' }), await b.send({ type: 'sync.status' })];
    expect(sa).toMatchObject({ state: 'synced', pending: 0 });
    expect(sb).toMatchObject({ state: 'synced', pending: 0 });
    // A third device joining later agrees.
    const c = device();
    await c.send({ type: 'sync.connect', url: 'http://s', token });
    await c.sync.idle();
    expect(await c.db.contacts.get(contact.id)).toBeUndefined();
  });

  it('another team with the same name is another replica: its rows arrive and sync goes on', async () => {
    const first = (await createTeam(handle.db, 'Sales')).token.token;
    const second = (await createTeam(handle.db, 'Sales')).token.token;
    const a = device();
    await a.send({ type: 'contacts.create', input: { email: 'first@acme.com', displayName: 'First Team' } });
    await a.send({ type: 'sync.connect', url: 'http://s', token: first });
    await a.sync.idle();
    const other = device();
    await other.send({ type: 'sync.connect', url: 'http://s', token: second });
    await other.sync.idle();
    await other.send({ type: 'contacts.create', input: { email: 'second@acme.com', displayName: 'Second Team' } });
    await other.send({ type: 'sync.now' });

    expect((await a.send({ type: 'sync.connect', url: 'http://s', token: second })).ok).toBe(true);
    await a.sync.idle();
    expect(await a.send({ type: 'sync.status' })).toMatchObject({ state: 'synced', pending: 0 });
    const found = await a.send({ type: 'contacts.lookup', emails: ['second@acme.com'] });
    expect(found['second@acme.com']).toMatchObject({ firstName: 'Second' });
  });

  it('connecting to another team while a sync of the first is running starts the new replica from the beginning', async () => {
    const alpha = (await createTeam(handle.db, 'Alpha')).token.token;
    const beta = (await createTeam(handle.db, 'Beta')).token.token;
    const seeder = device();
    await seeder.send({ type: 'sync.connect', url: 'http://s', token: beta });
    await seeder.sync.idle();
    await seeder.send({ type: 'contacts.create', input: { email: 'beta@acme.com', displayName: 'Beta Person' } });
    await seeder.send({ type: 'sync.now' });

    // Alpha's pulls hang until released: the first connection's cycle is mid-pull when the rep connects to Beta.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let hold = false;
    const a = device(async (input, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      if (hold && input.includes('/v1/pull') && auth.includes(alpha)) await held;
      return app.request(input, init);
    });
    // Alpha's rows come after Beta's on the server: Alpha's cursor is past the Beta row's position.
    for (let i = 0; i < 5; i++) await a.send({ type: 'contacts.create', input: { email: `alpha${i}@acme.com`, displayName: `Alpha ${i}` } });
    await a.send({ type: 'sync.connect', url: 'http://s', token: alpha });
    await a.sync.idle();
    await a.send({ type: 'contacts.create', input: { email: 'alpha-late@acme.com', displayName: 'Alpha Late' } });
    hold = true;
    const stuck = a.send({ type: 'sync.now' });
    await new Promise((r) => setTimeout(r, 20));
    const switching = a.send({ type: 'sync.connect', url: 'http://s', token: beta });
    await new Promise((r) => setTimeout(r, 20));
    release();
    await stuck;
    expect((await switching).ok).toBe(true);
    await a.sync.idle();
    const found = await a.send({ type: 'contacts.lookup', emails: ['beta@acme.com'] });
    expect(found['beta@acme.com']).toMatchObject({ firstName: 'Beta' });
  });

  it("a joiner's own scoring model does not replace the team's; it counts only where the team has none", async () => {
    const { token } = (await createTeam(handle.db, 'Models')).token;
    const a = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    await a.send({ type: 'scoring.saveModel', model: { ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 70, engagement: 30 } } });
    await a.send({ type: 'sync.now' });

    const b = device();
    await b.send({ type: 'scoring.saveModel', model: { ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 100, engagement: 0 } } });
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    await a.send({ type: 'sync.now' });
    expect((await b.send({ type: 'scoring.getModel' })).model.weights).toEqual({ fit: 70, engagement: 30 });
    expect((await a.send({ type: 'scoring.getModel' })).model.weights).toEqual({ fit: 70, engagement: 30 });

    // A team with no model of its own takes the joiner's.
    const { token: empty } = (await createTeam(handle.db, 'No model')).token;
    const c = device();
    await c.send({ type: 'scoring.saveModel', model: { ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 40, engagement: 60 } } });
    await c.send({ type: 'sync.connect', url: 'http://s', token: empty });
    await c.sync.idle();
    const d = device();
    await d.send({ type: 'sync.connect', url: 'http://s', token: empty });
    await d.sync.idle();
    expect((await d.send({ type: 'scoring.getModel' })).model.weights).toEqual({ fit: 40, engagement: 60 });
  });

  it('pushes a thousand large rows in batches under the server body limit', async () => {
    const { token } = (await createTeam(handle.db, 'Big rows')).token;
    const a = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    const now = Date.now();
    const body = 'Lorem ipsum dolor sit amet. '.repeat(175); // ~4.9 KB: 1,000 of them pass 4 MB
    await a.db.templates.bulkAdd(
      Array.from({ length: 1000 }, (_, i) => ({ id: `big-${i}`, name: `Big ${i}`, stages: [], language: 'en', subject: '', body, link: null, tags: [], order: 100 + i, builtIn: false, createdAt: now, updatedAt: now })),
    );
    const status = await a.send({ type: 'sync.now' });
    expect(status).toMatchObject({ state: 'synced', pending: 0 });
    const b = device();
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    expect(await b.db.templates.where('id').startsWith('big-').count()).toBe(1000);
  });

  it('a first-connect snapshot cut off by the worker stopping is queued again when the worker starts', async () => {
    const { token } = (await createTeam(handle.db, 'Snapshot')).token;
    const name = 'snapshot-cut';
    let pushesFail = true;
    const fetch: FetchLike = async (input, init) => {
      if (pushesFail && input.includes('/v1/push')) throw new TypeError('Failed to fetch');
      return app.request(input, init);
    };
    const a = startBackground({ dbName: name, sync: { fetch, pushDelayMs: 60_000, random: () => 0.5 } });
    const send = async <T extends RequestType>(m: Extract<RequestInput, { type: T }>) => ((await a.handle(m, { id: fakeBrowser.runtime.id })) as { data: Responses[T] }).data;
    for (let i = 0; i < 3; i++) await send({ type: 'contacts.create', input: { email: `early${i}@acme.com`, displayName: `Early ${i}` } });
    await send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    a.sync.stop();
    // As if the worker had stopped while queueing the snapshot: the connection saved, the rows not all queued.
    const state = (await a.db.syncState.get('state')) as object;
    await a.db.outbox.clear();
    await a.db.syncState.put({ ...state, snapshotPending: true } as never);
    a.db.close();

    pushesFail = false;
    const again = startBackground({ dbName: name, sync: { fetch, pushDelayMs: 60_000, random: () => 0.5 } });
    await again.sync.start();
    await again.sync.idle();
    expect(await again.db.outbox.count()).toBe(0);
    const other = device();
    await other.send({ type: 'sync.connect', url: 'http://s', token });
    await other.sync.idle();
    expect(await other.db.contacts.count()).toBe(3);
  });

  it('a built-in template edited while connected stays, with the edit, on every device', async () => {
    const { token } = (await createTeam(handle.db, 'Built-ins')).token;
    const a = device();
    const b = device();
    await a.send({ type: 'templates.list' });
    await b.send({ type: 'templates.list' });
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    const [first] = await a.send({ type: 'templates.list' });
    await a.db.templates.update(first!.id, { body: 'Edited on A, {{contact.firstName}}.', updatedAt: Date.now() });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });
    expect((await a.db.templates.get(first!.id))?.body).toBe('Edited on A, {{contact.firstName}}.');
    expect((await b.db.templates.get(first!.id))?.body).toBe('Edited on A, {{contact.firstName}}.');
  });

  it("a joiner's never-log entry is kept even where a teammate once removed the same entry", async () => {
    const { token } = (await createTeam(handle.db, 'Never log')).token;
    const a = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    await a.send({ type: 'settings.update', settings: { neverLog: ['ana@clientco.com'] } });
    await a.send({ type: 'sync.now' });
    await a.send({ type: 'settings.update', settings: { neverLog: [] } });
    await a.send({ type: 'sync.now' });

    const b = device();
    await b.send({ type: 'settings.update', settings: { neverLog: ['ana@clientco.com'] } });
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    expect((await b.send({ type: 'settings.get' })).neverLog).toEqual(['ana@clientco.com']);
    await a.send({ type: 'sync.now' });
    expect((await a.send({ type: 'settings.get' })).neverLog).toEqual(['ana@clientco.com']);
  });

  it('a server restored from an older backup gets this device\'s data again instead of stopping sync', async () => {
    const team = await createTeam(handle.db, 'Restored');
    const a = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token: team.token.token });
    await a.sync.idle();
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'kept@acme.com', displayName: 'Kept Safe' } });
    await a.send({ type: 'sync.now' });
    // The restore: the server no longer has this device's changes (nor what it acknowledged of them).
    await handle.query(`delete from rows where team_id = $1`, [team.teamId]);
    await handle.query(`update clients set last_mutation_id = 0 where team_id = $1`, [team.teamId]);
    // A change made after the restore, then a sync: the server's gap is behind this device.
    await a.db.contacts.update(contact.id, { title: 'CFO', updatedAt: Date.now() });
    await a.send({ type: 'sync.now' });
    await a.sync.idle();
    expect(await a.send({ type: 'sync.status' })).toMatchObject({ state: 'synced', pending: 0 });

    const b = device();
    await b.send({ type: 'sync.connect', url: 'http://s', token: team.token.token });
    await b.sync.idle();
    expect(await b.send({ type: 'contacts.get', id: contact.id })).toMatchObject({ firstName: 'Kept', title: 'CFO' });
  });

  it("a change stamped ahead of the server's clock waits, with a clear error, and is retried instead of stopping sync", async () => {
    const { token } = (await createTeam(handle.db, 'Clocks')).token;
    const a = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'early@acme.com', displayName: 'Early Bird' } });
    // This device's clock ran a day ahead when the change was stamped.
    const [row] = await a.db.outbox.toArray();
    const clientId = row!.hlc.split(':')[2];
    await a.db.outbox.update(row!.seq!, { hlc: `${String(Date.now() + 86_400_000).padStart(15, '0')}:000000:${clientId}` });
    const failed = await a.send({ type: 'sync.now' });
    expect(failed.error).toMatchObject({ kind: 'clock_ahead' });
    expect(failed.error?.message).toMatch(/clock/);
    expect(failed.nextRetryAt).not.toBeNull();
    expect(failed.pending).toBeGreaterThan(0);

    // Once the stamp is no longer ahead (the clock set right and the time come), the change goes.
    await a.db.outbox.update(row!.seq!, { hlc: `${String(Date.now()).padStart(15, '0')}:000000:${clientId}` });
    expect(await a.send({ type: 'sync.now' })).toMatchObject({ state: 'synced', pending: 0 });
    const b = device();
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    expect((await b.send({ type: 'contacts.get', id: contact.id })).firstName).toBe('Early');
  });

  it("an erase on one device removes, on the others, what they hold about the person, rows written meanwhile included", async () => {
    const { token } = (await createTeam(handle.db, 'Erase')).token;
    const a = device();
    const b = device();
    await a.send({ type: 'sync.connect', url: 'http://s', token });
    await a.sync.idle();
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'ana.zeta@clientco.com', displayName: 'Ana Zetaxyz' } });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.connect', url: 'http://s', token });
    await b.sync.idle();
    // B records consent and a note before it hears of the erase.
    await b.send({ type: 'contacts.updatePrivacy', contactId: contact.id, legalBasis: 'consent', consentStatus: 'granted', doNotContact: false, source: 'web form' });
    await b.send({ type: 'contacts.find', query: 'zetaxyz', limit: 5 }); // saves B's search table with the name
    await a.send({ type: 'privacy.erasePerson', contactId: contact.id, addToNeverLog: false });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'activities.addNote', contactId: contact.id, text: 'Ana called about pricing' }).catch(() => undefined);
    await b.send({ type: 'sync.now' });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });

    for (const d of [a, b]) {
      expect(await d.db.contacts.get(contact.id)).toBeUndefined();
      expect((await d.db.activities.toArray()).filter((x) => x.targetId === contact.id)).toEqual([]);
    }
    expect((await b.db.consentLog.toArray()).filter((e) => e.contactId === contact.id)).toEqual([]);
    expect(JSON.stringify(await b.db.searchTable.toArray())).not.toMatch(/zetaxyz/i);
    const live = await handle.query<{ payload: string }>(`select payload from rows where entity = 'activities' and deleted = false`, []);
    expect(live.map((r) => r.payload).join('\n')).not.toContain(contact.id);
  });
});
