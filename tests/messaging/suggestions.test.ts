import { describe, expect, it } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { send } from '@/lib/messaging/client';
import { startBackground } from './background-harness';

describe('stage suggestions', () => {
  it('proposes MQL once the score reaches the threshold, and nothing once applied', async () => {
    startBackground();
    const base = contactFromHeader({ email: 'hot@lead.com', displayName: 'Hot Lead' }, { id: 'hot', now: Date.now() });
    await send({ type: 'contacts.putMany', contacts: [{ ...base, leadScore: 75 }, { ...base, id: 'cold', emails: [{ address: 'cold@lead.com', primary: true }], leadScore: 10 }] });

    const hot = await send<'contacts.stageSuggestions'>({ type: 'contacts.stageSuggestions', contactId: 'hot' });
    expect(hot.map((s) => s.to)).toContain('marketingqualifiedlead');
    expect(hot.find((s) => s.to === 'marketingqualifiedlead')?.reason.en).toBeTruthy();
    expect((await send<'contacts.stageSuggestions'>({ type: 'contacts.stageSuggestions', contactId: 'cold' })).map((s) => s.to)).not.toContain('marketingqualifiedlead');

    await send({ type: 'contacts.changeStage', contactId: 'hot', to: 'marketingqualifiedlead' });
    const after = await send<'contacts.stageSuggestions'>({ type: 'contacts.stageSuggestions', contactId: 'hot' });
    expect(after.map((s) => s.to)).not.toContain('marketingqualifiedlead');
  });

  it('answers not_found for an unknown contact', async () => {
    startBackground();
    await expect(send({ type: 'contacts.stageSuggestions', contactId: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
