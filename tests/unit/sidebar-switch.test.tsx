// The sidebar updates its panel and card in place from one thread to the next (no remount): an answer for the
// previous thread that arrives late must never show on the new one, and what belongs to one view (a typed note, an
// open menu) must not carry over. Rendered with React in happy-dom; the background is a fake `send`.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Contact, contactFromHeader } from '@/lib/domain/contact';
import type { HealthStore } from '@/lib/sites/health-watch';
import type { SiteAdapter, ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';

vi.mock('@/lib/i18n/cached-messages', () => ({ i18n: { t: (key: string) => key } }));
vi.mock('@/lib/i18n/ui-language', () => ({ uiLanguage: () => 'en' }));

interface Deferred {
  resolve(value: unknown): void;
}
/** Requests whose answer the test gives by hand, by a key of the request. */
const held = new Map<string, Deferred>();
const answers: Record<string, (request: Record<string, unknown>) => unknown> = {};
const hold = (key: string) => new Promise((resolve) => held.set(key, { resolve }));
const never = () => new Promise(() => {});

vi.mock('@/lib/messaging/client', () => ({
  send: (request: Record<string, unknown>) => {
    const answer = answers[request.type as string];
    return answer ? Promise.resolve(answer(request)) : never();
  },
}));

const { Sidebar } = await import('@/components/sidebar/Sidebar');
const { SiteContext } = await import('@/components/sidebar/site');

const contact = (email: string, name: string, id: string): Contact => contactFromHeader({ email, displayName: name }, { id, now: 1_700_000_000_000 });
const ANA = contact('ana@client.example', 'Ana Alvarez', 'c-ana');
const BEA = contact('bea@other.example', 'Bea Bravo', 'c-bea');

const thread = (id: string, email: string, name: string): ThreadContext => ({
  site: 'gmail',
  threadId: id,
  subject: `Subject ${id}`,
  messageIds: [`m-${id}`],
  messages: [{ id: `m-${id}`, from: email, to: ['me@ficha.example'], sentAt: 1_700_000_000_000 }],
  participants: [{ email, name, roles: ['from'] }],
  selfEmail: 'me@ficha.example',
});
const THREAD_A = thread('a', ANA.emails[0]!.address, 'Ana Alvarez');
const THREAD_B = thread('b', BEA.emails[0]!.address, 'Bea Bravo');

function fakeStore(): ThreadStore & { show(t: ThreadContext | null): void } {
  let current: ThreadContext | null = null;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    getSnapshot: () => current,
    show(t) {
      current = t;
      listeners.forEach((l) => l());
    },
  };
}
const health: HealthStore = { subscribe: () => () => {}, getSnapshot: () => 'thread' };
const adapter = { site: 'gmail', insertAtCaret: () => false } as unknown as SiteAdapter;

let root: Root;
let host: HTMLElement;
let store: ReturnType<typeof fakeStore>;

const $ = (testId: string) => host.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
const $$ = (testId: string) => [...host.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
/** Lets promises and React's microtask work run. */
const settle = () => act(async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
});
const show = (t: ThreadContext | null) => act(() => store.show(t));

beforeEach(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  held.clear();
  for (const k of Object.keys(answers)) delete answers[k];
  // The card's other questions: answered at once with nothing special.
  Object.assign(answers, {
    'settings.get': () => ({ stageSet: 'hubspot' }),
    'contacts.stageSuggestions': () => [],
    'activities.findLogged': () => null,
    'activities.logPolicy': () => ({ allowed: true }),
    'templates.forContact': () => [],
    'activities.list': () => [],
  });
  store = fakeStore();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <SiteContext value={{ adapter, doc: document }}>
          <Sidebar store={store} health={health} />
        </SiteContext>
      </QueryClientProvider>,
    ),
  );
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('thread switch, card updated in place', () => {
  it("A's lookup answered after the switch to B never shows: B's person stays on the card", async () => {
    answers['contacts.lookup'] = (r) => hold((r.emails as string[]).join(','));
    await show(THREAD_A);
    await show(THREAD_B);
    await settle();
    held.get(BEA.emails[0]!.address)!.resolve({ [BEA.emails[0]!.address]: BEA });
    await settle();
    expect($('contact-email')?.textContent).toBe(BEA.emails[0]!.address);
    // A's answer, late: a known contact, whose card must not replace B's.
    held.get(ANA.emails[0]!.address)!.resolve({ [ANA.emails[0]!.address]: ANA });
    await settle();
    expect($$('contact-email').map((e) => e.textContent)).toEqual([BEA.emails[0]!.address]);
    expect($('contact-name')?.textContent).toBe('Bea Bravo');
  });

  it("a known contact's card, kept built for the next one, is never shown with an unknown person or B's loading state", async () => {
    answers['contacts.lookup'] = (r) => hold((r.emails as string[]).join(','));
    await show(THREAD_A);
    held.get(ANA.emails[0]!.address)!.resolve({ [ANA.emails[0]!.address]: ANA });
    await settle();
    expect($('contact-name')?.textContent).toBe('Ana Alvarez');
    await show(THREAD_B);
    // Loading B: A's card is out of the page, not shown under the loading state.
    expect($('contact-loading')).not.toBeNull();
    expect($('contact-name')).toBeNull();
    held.get(BEA.emails[0]!.address)!.resolve({ [BEA.emails[0]!.address]: null });
    await settle();
    expect($$('contact-name').map((e) => e.textContent)).toEqual(['Bea Bravo']);
    expect($('create-contact')).not.toBeNull();
    expect($('timeline')).toBeNull();
  });

  it("A's timeline answered after the switch to B is not shown on B's card", async () => {
    answers['contacts.lookup'] = (r) => Object.fromEntries((r.emails as string[]).map((e) => [e, [ANA, BEA].find((c) => c.emails[0]!.address === e) ?? null]));
    answers['activities.list'] = (r) => hold(`timeline:${r.contactId as string}`);
    await show(THREAD_A);
    await settle();
    expect($('contact-name')?.textContent).toBe('Ana Alvarez');
    await show(THREAD_B);
    await settle();
    expect($('contact-name')?.textContent).toBe('Bea Bravo');
    const activity = (id: string, contactId: string, summary: string) => ({ id, contactId, type: 'note', occurredAt: 1_700_000_000_000, summary, data: {} });
    held.get('timeline:c-bea')!.resolve([activity('x-b', 'c-bea', 'note for Bea')]);
    await settle();
    held.get('timeline:c-ana')!.resolve([activity('x-a', 'c-ana', 'note for Ana')]);
    await settle();
    expect($$('activity').map((e) => e.textContent)).toEqual([expect.stringContaining('note for Bea')]);
  });

  it('what belongs to one view starts again on the next thread and after the inbox: a typed note, an open menu', async () => {
    answers['contacts.lookup'] = (r) => Object.fromEntries((r.emails as string[]).map((e) => [e, [ANA, BEA].find((c) => c.emails[0]!.address === e) ?? null]));
    await show(THREAD_A);
    await settle();
    const note = () => $('add-note') as HTMLTextAreaElement;
    const type = (text: string) =>
      act(() => {
        // React tracks the value it set: go through the native setter so the change event is seen as a change.
        Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(note(), text);
        note().dispatchEvent(new Event('input', { bubbles: true }));
      });
    await type('half a thought');
    await act(() => $('contact-delete')!.click());
    expect($('contact-delete-dialog')).not.toBeNull();
    expect(note().value).toBe('half a thought');
    const cardBefore = $('contact-name');

    await show(THREAD_B);
    await settle();
    expect($('contact-name')?.textContent).toBe('Bea Bravo');
    // Updated in place: the same element, not a new card.
    expect($('contact-name')).toBe(cardBefore);
    expect(note().value).toBe('');
    expect($('contact-delete-dialog')).toBeNull();

    await type('for Bea');
    await show(null);
    expect($('sidebar')).toBeNull();
    expect($('add-note')).toBeNull();
    await show(THREAD_B);
    await settle();
    expect(note().value).toBe('');
  });

  it('the inbox takes the sidebar out of the page; the next thread brings it back', async () => {
    answers['contacts.lookup'] = (r) => Object.fromEntries((r.emails as string[]).map((e) => [e, null]));
    await show(THREAD_A);
    await settle();
    expect($$('sidebar')).toHaveLength(1);
    await show(null);
    expect($$('sidebar')).toHaveLength(0);
    expect($$('contact-email')).toHaveLength(0);
    await show(THREAD_B);
    await settle();
    expect($$('sidebar')).toHaveLength(1);
    expect($('contact-email')?.textContent).toBe(BEA.emails[0]!.address);
  });
});
