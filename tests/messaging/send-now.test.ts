// A clicked write leaves at once (sendNow), alone: not at the end of the task with the queries the click's render starts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send, sendNow } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

describe('sendNow', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    startBackground();
  });

  it('is on its way before the call returns, as its own message, with its own answer', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const read = send<'contacts.count'>({ type: 'contacts.count' });
    const write = sendNow<'contacts.create'>({ type: 'contacts.create', input: { email: 'bo@acme.com', displayName: 'Bo' } });
    // Synchronously: the write went, the read waits for the end of the task.
    expect(spy.mock.calls.map((c) => (c[0] as unknown as { type: string }).type)).toEqual(['contacts.create']);
    expect((await write).created).toBe(true);
    expect(await read).toBeGreaterThanOrEqual(0);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('rejects with the background error, as send does', async () => {
    await expect(sendNow({ type: 'activities.logEmail', email: { contactId: 'nobody', messageId: 'm', threadId: null, subject: '', direction: 'in', sentAt: null, participants: [] } })).rejects.toMatchObject({ code: 'not_found' });
  });
});
