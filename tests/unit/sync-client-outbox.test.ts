// The outbox middleware: every local write to a synced table leaves its per-field change in the outbox, in the
// same transaction; nothing is recorded while sync is off, for remote (pulled) writes, or for derived fields.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FichaDb } from '@/lib/storage/db';
import { contactRepository } from '@/lib/storage/contacts';
import { syncTracker } from '@/lib/storage/sync-tracking';
import { settingsRepository } from '@/lib/storage/settings';

let n = 0;
async function openDb(enabled = true) {
  const db = new FichaDb(`outbox-${++n}`);
  await db.open();
  if (enabled) {
    await db.syncState.put({ key: 'state', clientId: 'devA', clock: null, lastAcked: 0, cursor: '', initialPullDone: false, lastSyncAt: null, pulledHead: 0 });
    syncTracker(db).enable('devA', null);
  }
  return db;
}

describe('outbox middleware', () => {
  it('records nothing while sync is off', async () => {
    const db = await openDb(false);
    await contactRepository(db).createFromHeader({ email: 'ana@acme.com', displayName: 'Ana Ruiz' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('writes a put with every synced field on create, then only the changed fields', async () => {
    const db = await openDb();
    const { contact } = await contactRepository(db).createFromHeader({ email: 'ana@acme.com', displayName: 'Ana Ruiz' });
    const rows = await db.outbox.toArray();
    const put = rows.find((r) => r.entity === 'contacts');
    expect(put).toMatchObject({ op: 'put', id: contact.id });
    expect(put?.fields).toMatchObject({ firstName: 'Ana', lastName: 'Ruiz' });
    expect(put?.fields).not.toHaveProperty('emailKeys');
    expect(put?.fields).not.toHaveProperty('searchKeys');
    expect(put?.fields).not.toHaveProperty('leadScore');
    expect(put?.hlc).toMatch(/:devA$/);
    await db.outbox.clear();
    await db.contacts.update(contact.id, { title: 'CTO', leadScore: 40 });
    const [edit] = await db.outbox.toArray();
    expect(edit?.fields).toEqual({ title: 'CTO' });
    expect(edit!.hlc > put!.hlc).toBe(true);
  });

  it('aborted transactions leave no outbox rows', async () => {
    const db = await openDb();
    const { contact } = await contactRepository(db).createFromHeader({ email: 'ana@acme.com', displayName: 'Ana' });
    const before = await db.outbox.count();
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.update(contact.id, { title: 'CEO' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.outbox.count()).toBe(before);
    expect((await db.contacts.get(contact.id))?.title).not.toBe('CEO');
  });

  it('deletes (by key, by index range, clear) become delete mutations', async () => {
    const db = await openDb();
    await db.deals.bulkPut([
      { id: 'd1', contactId: 'c1', date: 1 } as never,
      { id: 'd2', contactId: 'c1', date: 2 } as never,
      { id: 'd3', contactId: 'c2', date: 3 } as never,
    ]);
    await db.outbox.clear();
    await db.deals.where('[contactId+date]').between(['c1', -Infinity], ['c1', Infinity]).delete();
    await db.deals.clear();
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.op, r.id])).toEqual([['delete', 'd1'], ['delete', 'd2'], ['delete', 'd3']]);
  });

  it('remote writes are not recorded', async () => {
    const db = await openDb();
    await db.transaction('rw', db.contacts, async (tx) => {
      syncTracker(db).markRemote(tx.idbtrans);
      await db.deals.put({ id: 'x', contactId: 'c', date: 1 } as never).catch(() => {});
    });
    await db.transaction('rw', db.deals, async () => {
      syncTracker(db).markRemote(Dexie.currentTransaction.idbtrans);
      await db.deals.put({ id: 'y', contactId: 'c', date: 1 } as never);
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('maps the never-log list to one row per entry and the scoring model to one row', async () => {
    const db = await openDb();
    const settings = settingsRepository(db);
    await settings.update({ neverLog: ['acme.com', 'bo@x.org'] });
    await settings.update({ neverLog: ['acme.com'], requireLegalBasis: true });
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.entity, r.op, r.id])).toEqual([
      ['neverLog', 'put', 'acme.com'],
      ['neverLog', 'put', 'bo@x.org'],
      ['neverLog', 'delete', 'bo@x.org'],
    ]);
  });

  it('score moves are not synced', async () => {
    const db = await openDb();
    await db.activities.add({ id: 's1', key: 'score:s1', type: 'score.changed', targetType: 'contact', targetId: 'c', occurredAt: 1, createdAt: 1, createdBy: '', summary: '', data: {} });
    expect(await db.outbox.count()).toBe(0);
  });
});
