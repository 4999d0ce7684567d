import { beforeEach, describe, expect, it } from 'vitest';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

const logRequest = (contactId: string, messageId = 'm1') => ({
  type: 'activities.logEmail' as const,
  email: { contactId, messageId, threadId: null, subject: 'Hi', direction: 'in' as const, sentAt: null, participants: [] },
});

describe('never-log list, legal basis and the consent log', () => {
  let bg: ReturnType<typeof startBackground>;
  let contactId: string;
  beforeEach(async () => {
    bg = startBackground();
    ({ contact: { id: contactId } } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com' } }));
  });

  it('blocks logging to a never-logged domain, in the background, with the reason', async () => {
    await send({ type: 'settings.update', settings: { neverLog: ['@ClientCo.com'] } });
    expect(await send<'settings.get'>({ type: 'settings.get' })).toMatchObject({ neverLog: ['clientco.com'] });
    expect(await send<'activities.logPolicy'>({ type: 'activities.logPolicy', contactId })).toEqual({ allowed: false, neverLog: 'clientco.com' });
    await expect(send(logRequest(contactId))).rejects.toMatchObject({ code: 'blocked', message: expect.stringContaining('clientco.com') });
    expect(await bg.db.activities.count()).toBe(0);

    await send({ type: 'settings.update', settings: { neverLog: [] } });
    await expect(send(logRequest(contactId))).resolves.toMatchObject({ created: true });
  });

  it('rejects an invalid never-log entry and keeps the previous settings', async () => {
    await send({ type: 'settings.update', settings: { neverLog: ['ok.com'] } });
    await expect(send({ type: 'settings.update', settings: { neverLog: ['ok.com', 'nonsense'] } })).rejects.toMatchObject({ code: 'invalid_message' });
    expect((await send<'settings.get'>({ type: 'settings.get' })).neverLog).toEqual(['ok.com']);
  });

  it('warns without a legal basis, and blocks when the team requires one', async () => {
    expect(await send<'activities.logPolicy'>({ type: 'activities.logPolicy', contactId })).toEqual({ allowed: true, warning: 'no_legal_basis' });
    await send({ type: 'settings.update', settings: { requireLegalBasis: true } });
    await expect(send(logRequest(contactId))).rejects.toMatchObject({ code: 'blocked' });

    await send({ type: 'contacts.updatePrivacy', contactId, legalBasis: 'legitimate_interest', consentStatus: 'unknown', doNotContact: false });
    expect(await send<'activities.logPolicy'>({ type: 'activities.logPolicy', contactId })).toEqual({ allowed: true });
    await expect(send(logRequest(contactId))).resolves.toMatchObject({ created: true });
  });

  it('audits every privacy change with who, when and where', async () => {
    await send({ type: 'contacts.updatePrivacy', contactId, legalBasis: 'consent', consentStatus: 'granted', doNotContact: false, source: 'web form' });
    const contact = await send<'contacts.updatePrivacy'>({ type: 'contacts.updatePrivacy', contactId, legalBasis: 'consent', consentStatus: 'withdrawn', doNotContact: true });
    expect(contact.privacy).toMatchObject({ legalBasis: 'consent', doNotContact: true, consent: { status: 'withdrawn', source: 'sidebar' } });
    expect(await send<'activities.logPolicy'>({ type: 'activities.logPolicy', contactId })).toEqual({ allowed: false, warning: 'opted_out' });

    const log = await bg.db.consentLog.toArray();
    expect(log.map((e) => `${e.field}:${String(e.from)}>${String(e.to)}@${e.source}`).sort()).toEqual([
      'consentStatus:granted>withdrawn@sidebar',
      'consentStatus:unknown>granted@web form',
      'doNotContact:false>true@sidebar',
      'legalBasis:none>consent@web form',
    ]);
    // No change, no audit entry.
    await send({ type: 'contacts.updatePrivacy', contactId, legalBasis: 'consent', consentStatus: 'withdrawn', doNotContact: true });
    expect(await bg.db.consentLog.count()).toBe(4);
  });
});
