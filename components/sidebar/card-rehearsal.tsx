// The first cards of a page cost more scripting than later ones: V8 compiles each component and each of React's
// paths on first use (the first card ~15 ms more), and optimises them only after a few calls (the next few cards
// 1–3 ms more each). A rehearsal renders one real card (the most recently changed contact, with its data) a few
// times while the page is idle, hidden and never attached to the page, so the rep's first threads cost what later
// ones do. Hidden <Activity> content is rendered without its effects: the rehearsal logs, subscribes and sends nothing.
import { Activity } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { Root } from 'react-dom/client';
import type { Contact } from '@/lib/domain/contact';
import { fullName, primaryEmail } from '@/lib/domain/person';
import { send } from '@/lib/messaging/client';
import type { PageHealth, SiteAdapter, ThreadContext } from '@/lib/sites/types';
import { warmFirstCard } from './card-queries';
import { Sidebar } from './Sidebar';
import { SiteContext } from './site';
import { UnknownPerson } from './UnknownPerson';
import { yieldToPage } from './yield-to-page';

/** A thread with the contact as sender, as a page would give it. */
export function rehearsalThread(contact: Contact, site: SiteAdapter['site']): ThreadContext {
  const email = primaryEmail(contact);
  return {
    site,
    threadId: null,
    subject: '',
    messageIds: [],
    messages: [{ id: null, from: email, to: [], sentAt: null }],
    participants: [{ email, name: fullName(contact), roles: ['from'] }],
    selfEmail: null,
  };
}

const fixedStore = <T,>(value: T) => ({ subscribe: () => () => undefined, getSnapshot: () => value });
const RENDERED = '[data-testid="contact-delete"], [data-testid="create-contact"]';
/** Renders per rehearsal: after three, the first real cards measured as cheap as later ones (~30 ms at idle in all). */
const ROUNDS = 3;

export interface RehearsalDeps {
  /** A cache of its own: the rehearsal's answers (asked without the rep's address) must not stand in for a card's. */
  client: QueryClient;
  site: { adapter: SiteAdapter; doc: Document };
  createRoot: (container: HTMLElement) => Root;
  /** True while a real thread is shown: its card has done the warming already. */
  busy: () => boolean;
  signal: AbortSignal;
  /** How many idle tasks to wait for React's hidden render before giving up. */
  maxWaits?: number;
}

/** Renders the sidebar with one known card and one unknown person, hidden and detached, ROUNDS times; never throws. */
export async function rehearseCard(deps: RehearsalDeps): Promise<boolean> {
  const { client, site, busy, signal } = deps;
  const [contact] = await send<'contacts.search'>({ type: 'contacts.search', query: '', limit: 1 }).catch(() => []);
  if (!contact || signal.aborted || busy()) return false;
  const thread = rehearsalThread(contact, site.adapter.site);
  try {
    await warmFirstCard(client, thread);
  } catch {
    return false; // the background did not answer: the first real card will say so
  }
  for (let round = 0; round < ROUNDS; round++) {
    if (signal.aborted || busy() || !(await renderHidden(thread, deps))) return false;
  }
  return true;
}

/** One hidden render, waited for (React renders hidden content at idle priority, in slices), then unmounted. */
async function renderHidden(thread: ThreadContext, { client, site, createRoot, signal, maxWaits = 50 }: RehearsalDeps): Promise<boolean> {
  const container = document.createElement('div');
  const root = createRoot(container);
  root.render(
    <QueryClientProvider client={client}>
      <SiteContext.Provider value={site}>
        <Activity mode="hidden">
          <Sidebar store={fixedStore<ThreadContext | null>(thread)} health={fixedStore<PageHealth>('idle')} />
          <UnknownPerson participant={{ email: 'someone@example.invalid', name: '', roles: ['from'] }} />
        </Activity>
      </SiteContext.Provider>
    </QueryClientProvider>,
  );
  for (let waits = 0; container.querySelectorAll(RENDERED).length < 2 && waits < maxWaits && !signal.aborted; waits++) {
    await yieldToPage();
  }
  const rendered = container.querySelectorAll(RENDERED).length === 2;
  root.unmount();
  return rendered;
}
