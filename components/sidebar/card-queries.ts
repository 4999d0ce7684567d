// The queries a contact card asks when it mounts. The card waits for them before its first render, so it mounts once
// with its data (on a thread switch one React pass instead of two, and no section that appears a frame later).
import { useLayoutEffect, useState } from 'react';
import { type QueryClient, type QueryFunction, type QueryKey, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@/lib/domain/contact';
import { uiLanguage } from '@/lib/i18n/ui-language';
import { lookupQuery } from '@/lib/query/hooks';
import { recordFiguresQuery } from '@/lib/query/profile';
import { loggedActivityQuery, logPolicyQuery, stageHistoryQuery, stageSuggestionsQuery, timelineQuery } from '@/lib/query/record';
import { settingsQuery } from '@/lib/query/settings';
import { SHOWN_TEMPLATES, templateSuggestionsQuery } from '@/lib/query/templates';
import type { ThreadContext } from '@/lib/sites/types';
import { openMessage } from './EmailLogger';

interface CardQuery {
  queryKey: QueryKey;
  queryFn: QueryFunction;
  enabled: boolean;
}

const entry = (o: { queryKey: QueryKey; queryFn?: unknown; enabled?: unknown }): CardQuery => ({ queryKey: o.queryKey, queryFn: o.queryFn as QueryFunction, enabled: o.enabled !== false });

/** Built with the same options as the hooks of ContactCard's sections, so the warm-up fills the keys they read. */
export function cardQueries(contact: Contact, thread: ThreadContext): CardQuery[] {
  const id = contact.id;
  return [
    recordFiguresQuery(id),
    loggedActivityQuery(id, openMessage(thread)?.id ?? null),
    logPolicyQuery(id),
    templateSuggestionsQuery(id, thread.selfEmail, uiLanguage(), SHOWN_TEMPLATES),
    stageSuggestionsQuery(id),
    stageHistoryQuery(id),
    timelineQuery(id),
    settingsQuery(),
  ]
    .map(entry)
    .filter((q) => q.enabled);
}

/**
 * One batch of the card's requests, not retried: a section that failed shows its error (and retries) once the card
 * is up, rather than holding the card on "loading".
 */
const prefetchCard = (client: QueryClient, queries: CardQuery[]) =>
  Promise.all(queries.map(({ queryKey, queryFn }) => client.prefetchQuery({ queryKey, queryFn, retry: false })));

const allCached = (client: QueryClient, queries: CardQuery[]) => queries.every((q) => client.getQueryData(q.queryKey) !== undefined);

/**
 * True once the card of `contact` can render with its data: at once when every query is cached, else after one
 * batch of requests (a failed one counts as done: its section shows the error). Once true for a contact it stays
 * true, so a thread that changes under an open card (a new message) never takes it back to "loading".
 */
export function useCardWarmUp(contact: Contact | null | undefined, thread: ThreadContext | null): boolean {
  const client = useQueryClient();
  const [warmed, setWarmed] = useState<string | null>(null);
  const id = contact?.id ?? null;
  const ready = !contact || !thread || warmed === id || allCached(client, cardQueries(contact, thread));
  if (ready && id !== null && warmed !== id) setWarmed(id);
  useLayoutEffect(() => {
    if (ready || !contact || !thread) return;
    let live = true;
    void prefetchCard(client, cardQueries(contact, thread)).then(() => live && setWarmed(contact.id));
    return () => {
      live = false;
    };
    // Keyed by the contact alone: the thread only matters for the first warm-up of each contact.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, ready]);
  return ready;
}

/**
 * Fills the cache the first participant's card reads when it mounts: the thread's lookup, then that contact's card
 * queries. Run before the thread reaches React (warm-thread.ts).
 */
export async function warmFirstCard(client: QueryClient, thread: ThreadContext): Promise<void> {
  // The lookup keeps the client's retry: a card mounted past the warm-up's patience joins this very fetch.
  const found = await client.fetchQuery(lookupQuery(thread.participants.map((p) => p.email)));
  const first = thread.participants[0];
  const contact = first ? found[first.email] : undefined;
  if (contact) await prefetchCard(client, cardQueries(contact, thread));
}
