import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

const email = (contactId: string, messageId: string, body?: string) => ({
  type: 'activities.logEmail' as const,
  email: { contactId, messageId, threadId: 't', subject: 'Hi', direction: 'in' as const, sentAt: 1, participants: ['ana@clientco.com'], ...(body === undefined ? {} : { body }) },
});

describe('settings that change what the background does', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });
  const create = async (address = 'ana@clientco.com') => (await send<'contacts.create'>({ type: 'contacts.create', input: { email: address, displayName: 'Ana Ruiz' } })).contact;

  it('stores no body unless body storage is on; then a sanitised, capped plain-text copy', async () => {
    const { id } = await create();
    const off = await send<'activities.logEmail'>(email(id, 'm1', 'Secret <b>terms</b>'));
    expect(off.activity.data).not.toHaveProperty('body');

    await send({ type: 'settings.update', settings: { storeBodies: true } });
    const on = await send<'activities.logEmail'>(email(id, 'm2', 'Hello\u0000 Ana,\n\n\n\n<script>x</script> ' + 'z'.repeat(20_000)));
    const body = on.activity.data.body as string;
    expect(body.startsWith('Hello Ana,\n\n<script>x</script> zzz')).toBe(true);
    expect(body.length).toBeLessThanOrEqual(10_001);
    const stored = await bg.db.activities.get(on.activity.id);
    expect(stored?.data.body).toBe(body);
  });

  it('with the relationship cycle, contacts start in curiosity and move through its stages only', async () => {
    await send({ type: 'settings.update', settings: { stageSet: 'relationship' } });
    const { id, lifecycleStage } = await create();
    expect(lifecycleStage).toBe('curiosity');
    await expect(send({ type: 'contacts.changeStage', contactId: id, to: 'opportunity' })).rejects.toMatchObject({ code: 'rejected' });
    await send({ type: 'contacts.changeStage', contactId: id, to: 'loyalty' });
    // loyalty → recovery is part of the cycle (no "backward" confirm), and recovery → purchase closes it.
    await send({ type: 'contacts.changeStage', contactId: id, to: 'recovery' });
    const { contact } = await send<'contacts.changeStage'>({ type: 'contacts.changeStage', contactId: id, to: 'purchase' });
    expect(contact.lifecycleStage).toBe('purchase');
    await expect(send({ type: 'contacts.changeStage', contactId: id, to: 'curiosity' })).rejects.toMatchObject({ code: 'needs_confirmation' });
  });

  it('a contact left in a stage of the other set can still be moved into the active set', async () => {
    const { id } = await create();
    await send({ type: 'contacts.changeStage', contactId: id, to: 'customer' });
    await send({ type: 'settings.update', settings: { stageSet: 'relationship' } });
    const { contact } = await send<'contacts.changeStage'>({ type: 'contacts.changeStage', contactId: id, to: 'retention' });
    expect(contact.lifecycleStage).toBe('retention');
  });

  it("the MQL suggestion follows the scoring model's threshold", async () => {
    const { id, leadScore } = await create();
    expect(leadScore).toBeGreaterThan(0);
    const suggestions = () => send<'contacts.stageSuggestions'>({ type: 'contacts.stageSuggestions', contactId: id });
    expect((await suggestions()).map((s) => s.to)).not.toContain('marketingqualifiedlead');
    await send({ type: 'scoring.saveModel', model: { ...DEFAULT_SCORING_MODEL, mqlThreshold: leadScore } });
    expect((await suggestions()).map((s) => s.to)).toContain('marketingqualifiedlead');
  });
});

describe('saving settings', () => {
  it('a change keeps every field it does not name (a stage set switch leaves body storage and the sender as they were)', async () => {
    startBackground();
    const sender = { firstName: 'Rita', lastName: 'Gil', signature: 'Rita · Acme' };
    await send({ type: 'settings.update', settings: { storeBodies: true, sender, neverLog: ['acme.com'], requireLegalBasis: true } });
    const after = await send<'settings.update'>({ type: 'settings.update', settings: { stageSet: 'relationship' } });
    expect(after).toEqual({ stageSet: 'relationship', storeBodies: true, sender, neverLog: ['acme.com'], requireLegalBasis: true });
    expect(await send<'settings.get'>({ type: 'settings.get' })).toEqual(after);
  });

  it('a saved settings change tells the webmail tabs to refetch; a refused one does not', async () => {
    const saved: number[] = [];
    startBackground({ onWebmailDataChanged: () => saved.push(Date.now()) });
    await send({ type: 'settings.update', settings: { storeBodies: true } });
    expect(saved).toHaveLength(1);
    await expect(send({ type: 'settings.update', settings: { stageSet: 'no-such-set' } as never })).rejects.toMatchObject({ code: 'invalid_message' });
    expect(saved).toHaveLength(1);
  });

  it('an erase, a template change and a retention run made in the options page also reach the webmail tabs; reads and sidebar writes do not', async () => {
    const changed: string[] = [];
    startBackground({ onWebmailDataChanged: () => changed.push('refresh') });
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    await send({ type: 'contacts.get', id: contact.id });
    await send({ type: 'activities.addNote', contactId: contact.id, text: 'Called' });
    expect(changed).toEqual([]);
    await send({ type: 'privacy.erasePerson', contactId: contact.id, addToNeverLog: false });
    expect(changed).toHaveLength(1);
    await send({ type: 'privacy.runRetention' });
    expect(changed).toHaveLength(2);
    await expect(send({ type: 'privacy.erasePerson', contactId: 'no-such-contact' })).rejects.toMatchObject({ code: 'not_found' });
    expect(changed).toHaveLength(2);
  });
});
