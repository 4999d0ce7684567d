// The idle rehearsal of a card: it renders a real card off the page, asks only for reads, and never puts anything
// on the page or in the database.
import { createRoot } from 'react-dom/client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rehearseCard } from '@/components/sidebar/card-rehearsal';
import { listenForPickerShortcut, takePendingPickerOpen } from '@/components/sidebar/picker-shortcut';
import { send } from '@/lib/messaging/client';
import { INJECT_KIND } from '@/lib/messaging/inject-request';
import { createQueryClient } from '@/lib/query/hooks';
import type { SiteAdapter } from '@/lib/sites/types';
import { useLocale } from '../unit/support/locale';
import { startBackground } from './background-harness';

const site = { adapter: { site: 'gmail', readThread: () => null, observe: () => {}, insertAtCaret: () => false } satisfies SiteAdapter, doc: document };
/** What a card may ask while it is only rendered: nothing that writes. */
const READS = new Set([INJECT_KIND, 'contacts.search', 'contacts.lookup', 'contacts.recordFigures', 'activities.findLogged', 'activities.logPolicy', 'templates.forContact', 'contacts.stageSuggestions', 'contacts.stageHistory', 'activities.list', 'settings.get']);

describe('rehearseCard', () => {
  let bg: ReturnType<typeof startBackground>;
  let asked: string[];
  /** Messages the fake runtime cannot deliver (the worker stopped), by their type. */
  let unreachable: (type: string | undefined) => boolean;

  beforeEach(async () => {
    await useLocale('en');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    bg = startBackground();
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // the harness cannot inject the record blocks' script
    asked = [];
    unreachable = () => false;
    const deliver = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: { type?: string; kind?: string; requests?: { type: string }[]; then?: { type: string }[] }) => {
      const inner = message.requests ?? (message.then ? [{ type: 'contacts.lookup' }, ...message.then] : [message]);
      asked.push(...inner.map((r) => r.type ?? message.kind ?? 'other'));
      if (unreachable(message.type)) throw new Error('Could not establish connection. Receiving end does not exist.');
      return deliver(message);
    }) as never);
  });

  const rehearse = (busy = () => false) => rehearseCard({ client: createQueryClient(), site, createRoot, busy, signal: new AbortController().signal });

  it('renders the latest contact card and an unknown person without touching the page or the database', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    await send({ type: 'contacts.updateFields', contactId: contact.id, patch: { autoLog: true } });
    const activitiesBefore = await bg.db.activities.count();
    // Alt+Shift+K pressed in a reply before any card is shown: the rep's first real card must still take it (a card's
    // template list takes it when its effects run, and a rehearsal runs none).
    const shortcuts = new AbortController();
    listenForPickerShortcut(document, shortcuts.signal);
    const editor = Object.assign(document.createElement('div'), { contentEditable: 'true' });
    document.body.append(editor);
    editor.dispatchEvent(new KeyboardEvent('keydown', { altKey: true, shiftKey: true, code: 'KeyK', bubbles: true }));
    asked = [];

    expect(await rehearse()).toBe(true);
    expect(takePendingPickerOpen()).toBe(true);
    shortcuts.abort();
    editor.remove();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((type) => !READS.has(type))).toEqual([]);
    expect(document.querySelector('[data-testid]')).toBeNull();
    expect(await bg.db.activities.count()).toBe(activitiesBefore);
  });

  it('does nothing without a contact, or once a real thread is shown', async () => {
    expect(await rehearse()).toBe(false);
    await send({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    asked = [];
    expect(await rehearse(() => true)).toBe(false);
    expect(asked).toEqual(['contacts.search']);
  });

  it('gives up quietly when the background stops answering after the search', async () => {
    await send({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    unreachable = (type) => type !== 'contacts.search';
    await expect(rehearse()).resolves.toBe(false);
    expect(asked).toContain('contacts.lookup'); // it got as far as the card's data
  });
});
