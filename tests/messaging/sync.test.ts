// @vitest-environment node
// The sync client against the real server app (PGlite in memory), two extension backgrounds on their own
// IndexedDB databases: create + log in A shows in B, deletes travel, offline edits are kept, a worker killed
// mid-sync resumes, a lost push answer is not applied twice, and a revoked token says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApp, defaultConfig, type App } from '../../server/app.ts';
import { createTeam, revokeToken } from '../../server/admin/tokens.ts';
import { openPglite, type DbHandle } from '../../server/db/open.ts';
import type { FetchLike } from '@/lib/sync/client-http';
import type { RequestInput, Responses, RequestType } from '@/lib/messaging/protocol';
import { startBackground } from './background-harness';

const URL_ = 'http://sync.test';
let handle: DbHandle;
let app: App;
let token: string;
let tokenId: string;

beforeAll(async () => {
  handle = await openPglite();
  app = createApp(handle, defaultConfig({ rateLimit: null }));
  const team = await createTeam(handle.db, 'Acme');
  token = team.token.token;
  tokenId = team.token.id;
}, 60_000);
afterAll(() => handle.close());

interface Net {
  fetch: FetchLike;
  down: boolean;
  /** Apply the next push on the server but lose its answer. */
  dropNextPushAnswer: boolean;
}

function network(): Net {
  const net: Net = {
    down: false,
    dropNextPushAnswer: false,
    fetch: async (input, init) => {
      if (net.down) throw new TypeError('Failed to fetch');
      const res = await app.request(input, init);
      if (net.dropNextPushAnswer && input.endsWith('/v1/push')) {
        net.dropNextPushAnswer = false;
        throw new TypeError('connection reset');
      }
      return res;
    },
  };
  return net;
}

function device(dbName?: string) {
  const net = network();
  const bg = startBackground({ dbName, sync: { fetch: net.fetch, pushDelayMs: 60_000, random: () => 0.5 } });
  async function send<T extends RequestType>(message: Extract<RequestInput, { type: T }>): Promise<Responses[T]> {
    const reply = (await bg.handle(message, { id: fakeBrowser.runtime.id })) as { ok: boolean; data?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(reply.error?.message);
    return reply.data as Responses[T];
  }
  return { ...bg, net, send };
}

const logEmail = (contactId: string, messageId: string) => ({
  type: 'activities.logEmail' as const,
  email: { contactId, messageId, threadId: 't1', subject: `Re: ${messageId}`, direction: 'in' as const, sentAt: 1_700_000_000_000, participants: [] },
});

describe('sync client against the real server', () => {
  const a = device();
  const b = device();

  it('refuses a wrong token and says so', async () => {
    const res = await a.send({ type: 'sync.connect', url: URL_, token: 'ficha_nope_nope' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.kind).toBe('unauthorized');
    const status = await a.send({ type: 'sync.status' });
    expect(status.state).toBe('error');
    expect(status.error?.message).toMatch(/token/i);
  });

  it('a contact created and logged in A shows with its activity in B', async () => {
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'ana@acme.com', displayName: 'Ana Ruiz' } });
    await a.send(logEmail(contact.id, 'm1'));
    // Data from before connecting is uploaded too.
    const res = await a.send({ type: 'sync.connect', url: `${URL_}/`, token });
    expect(res.ok).toBe(true);
    await a.sync.idle();
    const sa = await a.send({ type: 'sync.status' });
    expect(sa).toMatchObject({ state: 'synced', pending: 0, teamName: 'Acme' });
    expect(sa.lastSyncAt).toBeGreaterThan(0);

    expect((await b.send({ type: 'sync.connect', url: URL_, token })).ok).toBe(true);
    await b.sync.idle();
    const found = await b.send({ type: 'contacts.lookup', emails: ['ana@acme.com'] });
    expect(found['ana@acme.com']).toMatchObject({ id: contact.id, firstName: 'Ana', lastName: 'Ruiz' });
    const timeline = await b.send({ type: 'activities.list', contactId: contact.id });
    expect(timeline.filter((x) => x.type === 'email.received').map((x) => x.summary)).toEqual(['Re: m1']);
    // B's score follows the synced activity.
    expect(found['ana@acme.com']!.leadScore).toBe((await a.send({ type: 'contacts.get', id: contact.id })).leadScore);
    expect((await b.send({ type: 'sync.status' })).state).toBe('synced');
  });

  it('an edit in B reaches A; the same email logged on both makes one activity', async () => {
    const [ana] = await b.send({ type: 'contacts.search', query: 'ana', limit: 5 });
    await b.db.contacts.update(ana!.id, { title: 'CTO', updatedAt: Date.now() });
    await b.send(logEmail(ana!.id, 'm2'));
    await a.send(logEmail(ana!.id, 'm2'));
    await b.send({ type: 'sync.now' });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });
    const inA = await a.send({ type: 'contacts.get', id: ana!.id });
    expect(inA.title).toBe('CTO');
    const listA = await a.send({ type: 'activities.list', contactId: ana!.id });
    const listB = await b.send({ type: 'activities.list', contactId: ana!.id });
    const m2 = (l: typeof listA) => l.filter((x) => x.summary === 'Re: m2').map((x) => x.id);
    expect(m2(listA)).toHaveLength(1);
    expect(m2(listA)).toEqual(m2(listB));
  });

  it('a delete in B disappears from A', async () => {
    const [ana] = await b.send({ type: 'contacts.search', query: 'ana', limit: 5 });
    const list = await b.send({ type: 'activities.list', contactId: ana!.id });
    const m1 = list.find((x) => x.summary === 'Re: m1')!;
    await b.send({ type: 'activities.remove', id: m1.id });
    await b.send({ type: 'sync.now' });
    await a.send({ type: 'sync.now' });
    expect((await a.send({ type: 'activities.list', contactId: ana!.id })).map((x) => x.id)).not.toContain(m1.id);
  });

  it('edits made offline are kept and arrive when the server is back', async () => {
    const [ana] = await a.send({ type: 'contacts.search', query: 'ana', limit: 5 });
    a.net.down = true;
    await a.db.contacts.update(ana!.id, { company: 'Acme Offline SL', updatedAt: Date.now() });
    await a.send({ type: 'activities.addNote', contactId: ana!.id, text: 'Called while offline' });
    const off = await a.send({ type: 'sync.now' });
    expect(off.state).toBe('offline');
    expect(off.pending).toBeGreaterThanOrEqual(2);
    expect(off.error?.message).toMatch(/offline/i);
    a.net.down = false;
    const on = await a.send({ type: 'sync.now' });
    expect(on).toMatchObject({ state: 'synced', pending: 0 });
    await b.send({ type: 'sync.now' });
    expect((await b.send({ type: 'contacts.get', id: ana!.id })).company).toBe('Acme Offline SL');
    expect((await b.send({ type: 'activities.list', contactId: ana!.id })).map((x) => x.summary)).toContain('Called while offline');
  });

  it('a lost push answer is retried without applying anything twice', async () => {
    const { contact } = await a.send({ type: 'contacts.create', input: { email: 'bo@beta.io', displayName: 'Bo Li' } });
    await a.send({ type: 'activities.addNote', contactId: contact.id, text: 'once' });
    a.net.dropNextPushAnswer = true;
    const failed = await a.send({ type: 'sync.now' });
    expect(failed.state).toBe('offline');
    expect(failed.pending).toBeGreaterThan(0);
    const ok = await a.send({ type: 'sync.now' });
    expect(ok).toMatchObject({ state: 'synced', pending: 0 });
    await b.send({ type: 'sync.now' });
    expect((await b.send({ type: 'activities.list', contactId: contact.id })).filter((x) => x.summary === 'once')).toHaveLength(1);
  });

  it('a worker killed with pending changes resumes from IndexedDB', async () => {
    const name = 'sync-restart';
    const c = device(name);
    expect((await c.send({ type: 'sync.connect', url: URL_, token })).ok).toBe(true);
    await c.sync.idle();
    c.sync.stop();
    const { contact } = await c.send({ type: 'contacts.create', input: { email: 'cy@gamma.dev', displayName: 'Cy Doe' } });
    expect((await c.send({ type: 'sync.status' })).pending).toBeGreaterThan(0);
    c.db.close();
    // A new worker on the same database: the outbox, clock and cursor are where the old one left them.
    const c2 = device(name);
    await c2.sync.start();
    await c2.sync.idle();
    expect(await c2.send({ type: 'sync.status' })).toMatchObject({ state: 'synced', pending: 0 });
    await b.send({ type: 'sync.now' });
    expect((await b.send({ type: 'contacts.get', id: contact.id })).firstName).toBe('Cy');
    // Writes after the restart are still tracked.
    await c2.db.contacts.update(contact.id, { title: 'COO', updatedAt: Date.now() });
    await c2.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });
    expect((await b.send({ type: 'contacts.get', id: contact.id })).title).toBe('COO');
  });

  it("the sidebar's Delete contact in B removes the contact and its timeline from A, never-log untouched", async () => {
    const { contact } = await b.send({ type: 'contacts.create', input: { email: 'zoe@acme.com', displayName: 'Zoe Gone' } });
    await b.send(logEmail(contact.id, 'z1'));
    await b.send({ type: 'sync.now' });
    await a.send({ type: 'sync.now' });
    expect((await a.send({ type: 'contacts.lookup', emails: ['zoe@acme.com'] }))['zoe@acme.com']?.id).toBe(contact.id);
    expect(await a.send({ type: 'activities.list', contactId: contact.id })).not.toHaveLength(0);

    // The message the sidebar's confirmation sends.
    await b.send({ type: 'privacy.erasePerson', contactId: contact.id, addToNeverLog: false });
    expect((await b.send({ type: 'sync.now' })).pending).toBe(0);
    await a.send({ type: 'sync.now' });
    expect((await a.send({ type: 'contacts.lookup', emails: ['zoe@acme.com'] }))['zoe@acme.com']).toBeNull();
    expect(await a.send({ type: 'activities.list', contactId: contact.id })).toHaveLength(0);
    expect((await a.send({ type: 'settings.get' })).neverLog).not.toContain('zoe@acme.com');
  });

  it('the never-log list and the scoring model are team-wide', async () => {
    await a.send({ type: 'settings.update', settings: { neverLog: ['rivals.com'] } });
    await a.send({ type: 'sync.now' });
    await b.send({ type: 'sync.now' });
    expect((await b.send({ type: 'settings.get' })).neverLog).toEqual(['rivals.com']);
  });

  it('sign out keeps or wipes local data, as asked', async () => {
    const kept = await b.send({ type: 'sync.disconnect', wipe: false });
    expect(kept.state).toBe('off');
    expect(await b.send({ type: 'contacts.count' })).toBeGreaterThan(0);
    expect(await b.db.outbox.count()).toBe(0);
    await b.send({ type: 'contacts.create', input: { email: 'zed@z.com', displayName: 'Zed' } });
    expect(await b.db.outbox.count()).toBe(0);
    await a.send({ type: 'sync.disconnect', wipe: true });
    expect(await a.send({ type: 'contacts.count' })).toBe(0);
  });

  it('a revoked token stops sync with a clear error', async () => {
    const d = device();
    expect((await d.send({ type: 'sync.connect', url: URL_, token })).ok).toBe(true);
    await d.sync.idle();
    await revokeToken(handle.db, tokenId);
    const s = await d.send({ type: 'sync.now' });
    expect(s.state).toBe('error');
    expect(s.error?.message).toMatch(/token revoked or wrong/i);
  });
});
