// Calls made in the same task travel as one runtime message, and each still gets its own answer or error.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lookupThen, send } from '@/lib/messaging/client';
import { FichaError } from '@/lib/messaging/errors';
import { BATCH_TYPE, FIRST_FOUND, LOOKUP_THEN_TYPE, MAX_BATCH_REQUESTS } from '@/lib/messaging/batch';
import { startBackground } from './background-harness';

describe('batched messaging', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    fakeBrowser.reset();
    bg = startBackground();
  });

  it('three calls in one task are one message; a bad one fails alone', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const count = send<'contacts.count'>({ type: 'contacts.count' });
    const lookup = send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['ana@clientco.com'] });
    const bad = send<'contacts.lookup'>({ type: 'contacts.lookup', emails: 'not a list' as unknown as string[] });
    await expect(count).resolves.toBe(0);
    await expect(lookup).resolves.toEqual({ 'ana@clientco.com': null });
    await expect(bad).rejects.toMatchObject({ code: 'invalid_message' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toMatchObject({ type: BATCH_TYPE });
    spy.mockRestore();
  });

  it('a write and a read sent together both run; later calls are separate messages', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const [created, before] = await Promise.all([
      send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bo@acme.com', displayName: 'Bo' } }),
      send<'contacts.count'>({ type: 'contacts.count' }),
    ]);
    expect(created.created).toBe(true);
    expect([0, 1]).toContain(before);
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(1);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('a call sent now leaves at once and alone; the calls queued around it still travel together', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const count = send<'contacts.count'>({ type: 'contacts.count' });
    const created = send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bo@acme.com', displayName: 'Bo' } }, { now: true });
    // No microtask has run yet: only the call sent now has left.
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toMatchObject({ type: 'contacts.create' });
    const lookup = send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['bo@acme.com'] });
    await expect(created).resolves.toMatchObject({ created: true });
    await expect(count).resolves.toBeTypeOf('number');
    await expect(lookup).resolves.toHaveProperty('bo@acme.com');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[1]![0]).toMatchObject({ type: BATCH_TYPE, requests: [{ type: 'contacts.count' }, { type: 'contacts.lookup' }] });
    spy.mockRestore();
  });

  it('more calls than a batch holds are split, every one answered', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const answers = await Promise.all(Array.from({ length: MAX_BATCH_REQUESTS + 3 }, () => send<'contacts.count'>({ type: 'contacts.count' })));
    expect(answers).toEqual(Array(MAX_BATCH_REQUESTS + 3).fill(0));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it('the background refuses malformed batches and batches from another sender', async () => {
    const ok = { type: 'contacts.count' };
    expect(await bg.handle({ type: BATCH_TYPE, requests: [] }, { id: fakeBrowser.runtime.id })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await bg.handle({ type: BATCH_TYPE, requests: [{ type: BATCH_TYPE, requests: [ok] }] }, { id: fakeBrowser.runtime.id })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    expect(await bg.handle({ type: BATCH_TYPE, requests: Array(MAX_BATCH_REQUESTS + 1).fill(ok) }, { id: fakeBrowser.runtime.id })).toMatchObject({ ok: false });
    expect(await bg.handle({ type: BATCH_TYPE, requests: [ok] }, { id: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(await bg.handle({ type: BATCH_TYPE, requests: [ok, ok] }, { id: fakeBrowser.runtime.id })).toEqual({ ok: true, data: [{ ok: true, data: 0 }, { ok: true, data: 0 }] });
  });

  it('a batch the background cannot answer rejects every call in it', async () => {
    fakeBrowser.reset(); // no listener: the runtime has nobody to deliver to
    const calls = [send<'contacts.count'>({ type: 'contacts.count' }), send<'contacts.count'>({ type: 'contacts.count' })];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(FichaError);
  });

  describe('lookupThen', () => {
    const aboutFound = [{ type: 'contacts.get', id: 'unrelated' }, { type: 'activities.list', contactId: FIRST_FOUND, limit: 5 }, { type: 'contacts.count' }];

    it('looks the addresses up and answers the requests about the first one found, in one message', async () => {
      const { contact: ana } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana' } });
      await send({ type: 'activities.addNote', contactId: ana.id, text: 'Met at the fair' });
      const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
      const { found, then } = await lookupThen(['ana@clientco.com', 'nobody@else.com'], aboutFound);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(found).toEqual({ 'ana@clientco.com': await send({ type: 'contacts.get', id: ana.id }), 'nobody@else.com': null });
      // Each answered as if asked alone: FIRST_FOUND became Ana's id; a request about someone else stays about them.
      expect(then).toEqual([
        { ok: false, error: expect.objectContaining({ code: 'not_found' }) },
        { ok: true, data: await send({ type: 'activities.list', contactId: ana.id, limit: 5 }) },
        { ok: true, data: 1 },
      ]);
      expect(JSON.stringify(then![1])).toContain('Met at the fair');
      spy.mockRestore();
    });

    it('runs none of the requests when the first address is nobody, and fails as a whole when the lookup does', async () => {
      await send({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana' } });
      const writes = [{ type: 'activities.addNote', contactId: FIRST_FOUND, text: 'must not be written' }];
      expect(await lookupThen(['nobody@else.com', 'ana@clientco.com'], writes)).toMatchObject({ then: null });
      expect(await bg.db.activities.count()).toBe(0);
      await expect(lookupThen('not a list' as unknown as string[], [])).rejects.toMatchObject({ code: 'invalid_message' });
    });

    it('is refused from another sender, with nested batches, or with more requests than a batch holds', async () => {
      const me = { id: fakeBrowser.runtime.id };
      const ok = { type: 'contacts.count' };
      const message = (then: unknown[]) => ({ type: LOOKUP_THEN_TYPE, emails: ['ana@clientco.com'], then });
      expect(await bg.handle(message([ok]), { id: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
      expect(await bg.handle(message([{ type: BATCH_TYPE, requests: [ok] }]), me)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      expect(await bg.handle(message([message([ok])]), me)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      expect(await bg.handle(message(Array(MAX_BATCH_REQUESTS + 1).fill(ok)), me)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
      expect(await bg.handle({ type: LOOKUP_THEN_TYPE, emails: ['ana@clientco.com'], then: 'x' }, me)).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
    });
  });
});
