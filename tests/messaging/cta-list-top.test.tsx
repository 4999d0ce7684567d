// The card's template list asks only for the few it shows folded; all of them once the rep unfolds or searches it.
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CtaList } from '@/components/sidebar/CtaList';
import type { Contact } from '@/lib/domain/contact';
import { send } from '@/lib/messaging/client';
import { SHOWN_TEMPLATES } from '@/lib/query/templates';
import { useLocale } from '../unit/support/locale';
import { startBackground } from './background-harness';
import { EMAIL, renderInSidebar, thread } from './card-fixture';


describe('the CTA list of a card', () => {
  let container: HTMLElement;
  let root: Root;
  let contact: Contact;
  /** The `limit` of every templates.forContact request sent (undefined: all of them). */
  let asked: (number | undefined)[];

  const names = () => [...container.querySelectorAll('[data-testid=cta-template] strong')].map((el) => el.textContent);
  const type = (input: HTMLInputElement, text: string) => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };

  beforeEach(async () => {
    await useLocale('en');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    startBackground();
    ({ contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: EMAIL, displayName: 'Ana Ruiz' } }));
    asked = [];
    const deliver = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type?: string; limit?: number; requests?: { type: string; limit?: number }[] }) => {
      for (const request of message.requests ?? [message]) if (request.type === 'templates.forContact') asked.push(request.limit);
      return deliver(message);
    }) as never);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    flushSync(() => renderInSidebar(root, <CtaList contact={contact} thread={thread} />));
    await vi.waitFor(() => expect(names()).toHaveLength(SHOWN_TEMPLATES));
  });

  afterEach(() => {
    flushSync(() => root.unmount());
    container.remove();
  });

  it('asks for the folded few only, and says how many there are in all', async () => {
    const { total } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId: contact.id, language: 'en' });
    expect(total).toBeGreaterThan(SHOWN_TEMPLATES);
    expect(asked).toEqual([SHOWN_TEMPLATES, undefined]); // the card's request, then this test's own
    expect(container.querySelector('.ficha-link')?.textContent).toBe(`Show all ${Math.min(total, 20)}`);
  });

  it('lists all of them once unfolded', async () => {
    const { templates } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId: contact.id, language: 'en' });
    asked = [];
    flushSync(() => (container.querySelector('.ficha-link') as HTMLButtonElement).click());
    await vi.waitFor(() => expect(names()).toEqual(templates.slice(0, 20).map((t) => t.name)));
    expect(asked).toEqual([undefined]);
  });

  it('searches all of them, not only the folded few', async () => {
    const { templates } = await send<'templates.forContact'>({ type: 'templates.forContact', contactId: contact.id, language: 'en' });
    const last = templates.at(-1)!;
    expect(names()).not.toContain(last.name);
    flushSync(() => type(container.querySelector('[data-testid=cta-search]') as HTMLInputElement, last.name));
    await vi.waitFor(() => expect(names()).toContain(last.name));
    expect(container.querySelector('[data-testid=cta-empty]')).toBeNull();
  });
});
