import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

const email = (contactId: string, messageId = '18c0a1b2c3d4e5f6') => ({
  contactId,
  messageId,
  threadId: 'thread-f:1',
  subject: 'Proposal for Q1',
  direction: 'in' as const,
  sentAt: 1_764_000_000_000,
  participants: ['ana@clientco.com'],
});

describe('email logging and the timeline', () => {
  let bg: ReturnType<typeof startBackground>;
  let contactId: string;
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id: contactId } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana' } }));
  });

  it('logging the same message twice, even at once, is one activity', async () => {
    const [a, b] = await Promise.all([
      send<'activities.logEmail'>({ type: 'activities.logEmail', email: email(contactId) }),
      send<'activities.logEmail'>({ type: 'activities.logEmail', email: email(contactId) }),
    ]);
    expect(a.activity.id).toBe(b.activity.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const again = await send<'activities.logEmail'>({ type: 'activities.logEmail', email: email(contactId) });
    expect(again.created).toBe(false);
    expect(await bg.db.activities.count()).toBe(1);
    expect(a.activity).toMatchObject({ type: 'email.received', targetId: contactId, occurredAt: 1_764_000_000_000, summary: 'Proposal for Q1' });
  });

  it('findLogged tells the logged state; remove undoes it', async () => {
    const { activity } = await send<'activities.logEmail'>({ type: 'activities.logEmail', email: email(contactId) });
    const found = await send<'activities.findLogged'>({ type: 'activities.findLogged', contactId, messageId: '18c0a1b2c3d4e5f6' });
    expect(found?.id).toBe(activity.id);
    expect(await send<'activities.remove'>({ type: 'activities.remove', id: activity.id })).toEqual({ removed: true });
    expect(await send<'activities.findLogged'>({ type: 'activities.findLogged', contactId, messageId: '18c0a1b2c3d4e5f6' })).toBeNull();
    expect(await send<'activities.remove'>({ type: 'activities.remove', id: activity.id })).toEqual({ removed: false });
  });

  it('lists the timeline newest first, notes included, per contact', async () => {
    await send({ type: 'activities.logEmail', email: { ...email(contactId, 'm1'), sentAt: 1000 } });
    await send({ type: 'activities.logEmail', email: { ...email(contactId, 'm2'), sentAt: 3000, direction: 'out' } });
    await send({ type: 'activities.addNote', contactId, text: '  Call back on Monday  ' });
    const other = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bob@acme.com' } });
    await send({ type: 'activities.logEmail', email: email(other.contact.id, 'm3') });

    const timeline = await send<'activities.list'>({ type: 'activities.list', contactId });
    expect(timeline.map((a) => a.type)).toEqual(['note.added', 'email.sent', 'email.received']);
    expect(timeline[0]?.summary).toBe('Call back on Monday');
  });

  it('refuses to log to a contact that does not exist, and empty notes', async () => {
    await expect(send({ type: 'activities.logEmail', email: email('nobody') })).rejects.toMatchObject({ code: 'not_found' });
    await expect(send({ type: 'activities.addNote', contactId, text: '   ' })).rejects.toMatchObject({ code: 'invalid_message' });
    expect(await bg.db.activities.count()).toBe(0);
  });
});
