// The contact card's first render already has its data: SelectedCard asks the card's queries in one batch before it
// mounts the card, so the card mounts once (one React pass on a thread switch) and no section fills in a frame later.
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { warmFirstCard } from '@/components/sidebar/card-queries';
import { SelectedCard } from '@/components/sidebar/SelectedCard';
import { send } from '@/lib/messaging/client';
import { createQueryClient, lookupQuery } from '@/lib/query/hooks';
import { queryKeys } from '@/lib/query/keys';
import { useLocale } from '../unit/support/locale';
import { startBackground } from './background-harness';
import { EMAIL, renderInSidebar, thread } from './card-fixture';

type Sent = { type?: string; requests?: { type: string }[]; then?: { type: string }[] };

/** The card's state in the microtask after React first put the contact's name on the page. */
function firstCardPaint(container: HTMLElement): Promise<{ lastContacted: string; timeline: string; logButton: boolean }> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!container.querySelector('[data-testid=contact-name]')) return;
      observer.disconnect();
      resolve({
        lastContacted: container.querySelector('[data-testid=last-contacted]')?.textContent ?? '',
        timeline: container.querySelector('.ficha-timeline')?.textContent ?? '',
        logButton: container.querySelector('[data-testid=log-email]') !== null,
      });
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true });
  });
}

describe('a contact card and its data', () => {
  let container: HTMLElement;
  let root: Root;
  let requests: string[];
  /** Request types the fake background answers with an error instead of running them. */
  let failing: Set<string>;
  /** Runtime messages sent (a batch or a lookupThen is one). */
  let messages: number;

  beforeEach(async () => {
    await useLocale('en');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    startBackground();
    // The harness has no script injection: the record blocks say they could not load, which is not under test here.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: EMAIL, displayName: 'Ana Ruiz' } });
    await send({ type: 'activities.logEmail', email: { contactId: contact.id, messageId: 'm0', threadId: null, subject: 'Pricing question', direction: 'in', sentAt: Date.now() - 86_400_000, participants: [] } });
    requests = [];
    failing = new Set();
    const deliver = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
    const refused = { ok: false, error: { code: 'internal', message: 'The template store is unreadable' } };
    messages = 0;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Sent) => {
      messages++;
      // A batch carries several requests; a lookupThen a lookup and the requests about the contact it finds.
      const inner = message.requests ?? (message.then ? [{ type: 'contacts.lookup' }, ...message.then] : [message]);
      requests.push(...inner.map((r) => r.type ?? 'other'));
      if (message.type && failing.has(message.type)) return refused;
      const refuse = (answers: unknown[], sent: { type: string }[]) => answers.map((answer, i) => (failing.has(sent[i]!.type) ? refused : answer));
      const reply = (await deliver(message)) as { ok: boolean; data?: unknown };
      if (!reply.ok) return reply;
      if (message.requests) return { ...reply, data: refuse(reply.data as unknown[], message.requests) };
      const composite = reply.data as { then?: unknown[] | null };
      if (message.then && composite.then) return { ...reply, data: { ...composite, then: refuse(composite.then, message.then) } };
      return reply;
    }) as never);
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  /** The thread's card as the sidebar shows it, with a fresh query cache. */
  const renderCard = (client = createQueryClient()) => renderInSidebar(root, <SelectedCard thread={thread} email={EMAIL} />, client);

  it('mounts with every section filled, and asks nothing more once shown', async () => {
    const painted = firstCardPaint(container);
    renderCard();
    const first = await painted;
    expect(first.lastContacted).toMatch(/\d{4}/);
    expect(first.timeline).toContain('Pricing question');
    expect(first.logButton).toBe(true);

    const askedBeforeShown = requests.filter((t) => t !== 'other');
    await new Promise((r) => setTimeout(r, 100));
    expect(askedBeforeShown).toEqual(expect.arrayContaining(['contacts.lookup', 'contacts.recordFigures', 'activities.list', 'templates.forContact']));
    // Only the record blocks' script injection (a different kind of message) may follow the card.
    expect(requests.filter((t) => t !== 'other')).toEqual(askedBeforeShown);
  });

  it('once warmFirstCard has run, the card mounts complete in its first commit and asks nothing more', async () => {
    const client = createQueryClient();
    messages = 0;
    await warmFirstCard(client, thread);
    const asked = requests.filter((t) => t !== 'other');
    expect(asked).toEqual(expect.arrayContaining(['contacts.lookup', 'contacts.recordFigures', 'activities.list', 'templates.forContact']));
    // The lookup and the card's queries in one message: the card's requests need not wait for the lookup's answer.
    expect(messages).toBe(1);
    flushSync(() => renderCard(client));
    expect(container.querySelector('[data-testid=contact-loading]')).toBeNull();
    expect(container.querySelector('[data-testid=last-contacted]')?.textContent).toMatch(/\d{4}/);
    expect(container.querySelector('.ficha-timeline')?.textContent).toContain('Pricing question');
    await new Promise((r) => setTimeout(r, 100));
    expect(requests.filter((t) => t !== 'other')).toEqual(asked);
  });

  it('with the card warmed, renders it in one pass: as many renders as for an unknown person, who needs no warm-up', async () => {
    /** How many times SelectedCard rendered to show `shown` (each render asks the options of its lookup query once). */
    const rendersToShow = async (shown: typeof thread) => {
      const client = createQueryClient();
      await warmFirstCard(client, shown);
      const optionsAsked = vi.spyOn(client, 'defaultQueryOptions');
      const lookupKey = JSON.stringify(lookupQuery(shown.participants.map((p) => p.email)).queryKey);
      flushSync(() => renderInSidebar(root, <SelectedCard key={shown.threadId} thread={shown} email={shown.participants[0]!.email} />, client));
      expect(container.querySelector('[data-testid=contact-loading]')).toBeNull();
      return optionsAsked.mock.calls.filter(([o]) => JSON.stringify(o.queryKey) === lookupKey).length;
    };
    const stranger = { ...thread, threadId: 't2', participants: [{ email: 'nobody@elsewhere.example', name: 'Nobody', roles: ['from' as const] }] };
    const unknown = await rendersToShow(stranger);
    expect(container.querySelector('[data-testid=create-contact]')).not.toBeNull();
    // A state update made during the render (the warm-up noted there) would render the card's parent twice.
    expect(await rendersToShow(thread)).toBe(unknown);
    expect(container.querySelector('[data-testid=last-contacted]')?.textContent).toMatch(/\d{4}/);
  });

  it('never writes its answers over newer ones: a write made during the switch, or an answer given after the question', async () => {
    const client = createQueryClient();
    const { [EMAIL]: contact } = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: [EMAIL] });
    const id = contact!.id;
    // The timeline was answered after warmFirstCard asked (a note saved on the previous thread, refetched meanwhile);
    // the stage history was invalidated by a write (its refetch will be the newer answer).
    client.setQueryData(queryKeys.timeline(id), 'newer timeline', { updatedAt: Date.now() + 60_000 });
    client.setQueryData(queryKeys.stageHistory(id), 'history before the write');
    await client.invalidateQueries({ queryKey: queryKeys.stageHistory(id) });
    await warmFirstCard(client, thread);
    expect(client.getQueryData(queryKeys.timeline(id))).toBe('newer timeline');
    expect(client.getQueryData(queryKeys.stageHistory(id))).toBe('history before the write');
    expect(client.getQueryState(queryKeys.stageHistory(id))?.isInvalidated).toBe(true);
    // The other sections were filled from the same message.
    expect(client.getQueryData(queryKeys.stageSuggestions(id))).toBeDefined();
  });

  it('shows the card at once when one section cannot load, with that section saying so', async () => {
    failing.add('templates.forContact');
    const painted = firstCardPaint(container);
    const started = performance.now();
    renderCard();
    const first = await painted;
    // No retry delay (react-query waits a second before its retry) stands between the rep and the card.
    expect(performance.now() - started).toBeLessThan(800);
    expect(first.timeline).toContain('Pricing question');
    await vi.waitFor(() => expect([...container.querySelectorAll('[role=alert]')].map((a) => a.textContent).join(' ')).toContain('The template store is unreadable'), { timeout: 3000 });
  });
});
