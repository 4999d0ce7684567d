import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/client';
import { FichaError } from '@/lib/messaging/errors';
import { startBackground } from './background-harness';

describe('background messaging', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('creates a contact and finds it by any case of its address', async () => {
    const lookup0 = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['Ana@ClientCo.com'] });
    expect(lookup0).toEqual({ 'ana@clientco.com': null });

    const { contact, created } = await send<'contacts.create'>({
      type: 'contacts.create',
      input: { email: 'ana@clientco.com', displayName: 'Ana Pérez' },
    });
    expect(created).toBe(true);
    expect(contact.company).toBe('Clientco');

    const lookup = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['ANA@clientco.com', 'nobody@x.com'] });
    expect(lookup['ana@clientco.com']?.id).toBe(contact.id);
    expect(lookup['nobody@x.com']).toBeNull();
  });

  it('creating the same address twice yields one contact', async () => {
    const input = { email: 'bob@acme.com', displayName: 'Bob' };
    const [a, b] = await Promise.all([
      send<'contacts.create'>({ type: 'contacts.create', input }),
      send<'contacts.create'>({ type: 'contacts.create', input }),
    ]);
    expect(a.contact.id).toBe(b.contact.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(1);
  });

  it('searches by name, company and address prefix, accent- and case-insensitively', async () => {
    await send({ type: 'contacts.create', input: { email: 'ana.perez@clientco.com', displayName: 'Ána Pérez' } });
    await send({ type: 'contacts.create', input: { email: 'carlos@other.org', displayName: 'Carlos Díaz' } });
    const names = async (query: string) =>
      (await send<'contacts.search'>({ type: 'contacts.search', query })).map((c) => c.firstName).sort();
    expect(await names('ana')).toEqual(['Ána']);
    expect(await names('PER')).toEqual(['Ána']);
    expect(await names('clientco')).toEqual(['Ána']);
    expect(await names('diaz car')).toEqual(['Carlos']);
    expect(await names('carlos@oth')).toEqual(['Carlos']);
    expect(await names('zzz')).toEqual([]);
    expect(await names('')).toEqual(['Carlos', 'Ána']);
  });

  it('rejects a message that fails the schema with a typed error', async () => {
    await expect(send({ type: 'contacts.create', input: { email: 'not-an-address' } })).rejects.toMatchObject({
      code: 'invalid_message',
    });
    const reply = await bg.handle({ type: 'contacts.drop-all' }, { id: fakeBrowser.runtime.id });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await bg.db.contacts.count()).toBe(0);
  });

  it('rejects a message from another extension or a page', async () => {
    const msg = { type: 'contacts.create', input: { email: 'x@acme.com' } };
    expect(await bg.handle(msg, { id: 'some-other-extension' })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await bg.handle(msg, {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await bg.db.contacts.count()).toBe(0);
  });

  it('answers not_found for an unknown id, as a FichaError on the client side', async () => {
    const error = await send({ type: 'contacts.get', id: 'missing' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FichaError);
    expect((error as FichaError).code).toBe('not_found');
  });
});

describe('bulk writes', () => {
  it('writes a valid batch and rejects a batch with one bad record whole', async () => {
    const bg = startBackground();
    const { contactFromHeader } = await import('@/lib/domain/contact');
    const batch = Array.from({ length: 50 }, (_, i) => contactFromHeader({ email: `p${i}@bulk.example` }, { id: `b${i}`, now: i }));
    expect(await send<'contacts.putMany'>({ type: 'contacts.putMany', contacts: batch })).toEqual({ written: 50 });
    const lookup = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['p49@bulk.example'] });
    expect(lookup['p49@bulk.example']?.id).toBe('b49');

    const bad = [...batch.slice(0, 3).map((c) => ({ ...c, id: `n${c.id}` })), { ...batch[0]!, id: 'bad', leadScore: 500 }];
    await expect(send({ type: 'contacts.putMany', contacts: bad })).rejects.toMatchObject({ code: 'invalid_message' });
    expect(await bg.db.contacts.count()).toBe(50);
  });
});
