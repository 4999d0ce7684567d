// The card's privacy block is folded, and its form is built only when the rep unfolds it (kept off every thread
// switch); unfolded, it shows the contact's values and saves a change.
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PrivacyForm } from '@/components/sidebar/blocks/PrivacyForm';
import { PrivacyBlock } from '@/components/sidebar/PrivacyBlock';
import type { Contact } from '@/lib/domain/contact';
import { send } from '@/lib/messaging/client';
import { useLocale } from '../unit/support/locale';
import { startBackground } from './background-harness';
import { renderInSidebar } from './card-fixture';

describe('PrivacyBlock', () => {
  let container: HTMLElement;
  let root: Root;
  let contact: Contact;

  beforeEach(async () => {
    await useLocale('en');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    startBackground();
    ({ contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } }));
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    flushSync(() => renderInSidebar(root, <PrivacyBlock contact={contact} by="rep@acme-sales.com" Form={PrivacyForm} />));
  });

  afterEach(() => {
    flushSync(() => root.unmount());
    container.remove();
  });

  it('builds its form only once unfolded, with the contact values, and saves a change', async () => {
    const details = container.querySelector('[data-testid=privacy]') as HTMLDetailsElement;
    expect(details.querySelector('summary')?.textContent).toBe('Privacy (GDPR)');
    expect(container.querySelector('[data-testid=legal-basis]')).toBeNull();

    details.open = true;
    await vi.waitFor(() => expect(container.querySelector('[data-testid=legal-basis]')).not.toBeNull());
    const basis = container.querySelector('[data-testid=legal-basis]') as HTMLSelectElement;
    expect(basis.value).toBe(contact.privacy.legalBasis);

    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(basis, 'contract');
    basis.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(async () => expect((await send<'contacts.get'>({ type: 'contacts.get', id: contact.id })).privacy.legalBasis).toBe('contract'));

    details.open = false;
    await vi.waitFor(() => expect(container.querySelector('[data-testid=legal-basis]')).toBeNull());
  });

  it('records where the change was made: the sidebar, or the page that says so', async () => {
    const choose = async (value: string) => {
      const details = container.querySelector('[data-testid=privacy]') as HTMLDetailsElement;
      details.open = true;
      await vi.waitFor(() => expect(container.querySelector('[data-testid=legal-basis]')).not.toBeNull());
      const basis = container.querySelector('[data-testid=legal-basis]') as HTMLSelectElement;
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(basis, value);
      basis.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const log = async () => (await send<'privacy.exportPerson'>({ type: 'privacy.exportPerson', contactId: contact.id })).consentLog;
    await choose('contract');
    await vi.waitFor(async () => expect(await log()).toHaveLength(1));
    expect((await log())[0]).toMatchObject({ field: 'legalBasis', to: 'contract', source: 'sidebar', by: 'rep@acme-sales.com' });

    const fresh = await send<'contacts.get'>({ type: 'contacts.get', id: contact.id });
    flushSync(() => renderInSidebar(root, <PrivacyBlock contact={fresh} source="contact page" Form={PrivacyForm} />));
    await choose('legitimate_interest');
    await vi.waitFor(async () => expect(await log()).toHaveLength(2));
    expect((await log()).find((e) => e.field === 'legalBasis' && e.to === 'legitimate_interest')).toMatchObject({ source: 'contact page' });
  });
});
