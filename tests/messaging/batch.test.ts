// Calls made in the same task travel as one runtime message, and each still gets its own answer or error.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/client';
import { FichaError } from '@/lib/messaging/errors';
import { BATCH_TYPE, MAX_BATCH_REQUESTS } from '@/lib/messaging/batch';
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
});
