// The queries a contact card asks when it mounts. The card waits for them before its first render, so it mounts once
// with its data (on a thread switch one React pass instead of two, and no section that appears a frame later).
import { useLayoutEffect, useState } from 'react';
import { type QueryClient, type QueryFunction, type QueryKey, useQueryClient } from '@tanstack/react-query';
import type { Contact } from '@/lib/domain/contact';
import { uiLanguage } from '@/lib/i18n/ui-language';
import { FIRST_FOUND } from '@/lib/messaging/batch';
import { lookupThen } from '@/lib/messaging/client';
import { requestOf } from '@/lib/query/ask';
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
  /** What queryFn asks the background (askQuery's meta). */
  request: unknown;
  enabled: boolean;
}

const entry = (o: { queryKey: QueryKey; queryFn?: unknown; enabled?: unknown; meta?: Record<string, unknown> }): CardQuery => ({
  queryKey: o.queryKey,
  queryFn: o.queryFn as QueryFunction,
  request: requestOf(o),
  enabled: o.enabled !== false,
});

/**
 * Built with the same options as the hooks of ContactCard's sections, so the warm-up fills the keys they read. Which
 * queries there are depends on the thread alone, not on the contact: FIRST_FOUND's list pairs with the found one's.
 */
export function cardQueries(id: string, thread: ThreadContext): CardQuery[] {
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
  // The usual switch: the warm-up filled the cache before the mount. Noted as the initial state, since a state update
  // made during the render would render this component a second time at once.
  const [cachedAtMount] = useState(() => (contact && thread && allCached(client, cardQueries(contact.id, thread)) ? contact.id : null));
  const id = contact?.id ?? null;
  const ready = !contact || !thread || warmed === id || cachedAtMount === id || allCached(client, cardQueries(contact.id, thread));
  if (ready && id !== null && warmed !== id && cachedAtMount !== id) setWarmed(id);
  useLayoutEffect(() => {
    if (ready || !contact || !thread) return;
    let live = true;
    void prefetchCard(client, cardQueries(contact.id, thread)).then(() => live && setWarmed(contact.id));
    return () => {
      live = false;
    };
    // Keyed by the contact alone: the thread only matters for the first warm-up of each contact.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, ready]);
  return ready;
}

/**
 * Fills the cache the first participant's card reads when it mounts: the thread's lookup and that contact's card
 * queries, asked in one message (lookupThen). Run before the thread reaches React (warm-thread.ts).
 */
export async function warmFirstCard(client: QueryClient, thread: ThreadContext): Promise<void> {
  const emails = thread.participants.map((p) => p.email);
  const first = thread.participants[0];
  if (!first) return;
  // The lookup keeps the client's retry: a card mounted past the warm-up's patience joins this very fetch.
  await client.fetchQuery({
    ...lookupQuery(emails),
    queryFn: async () => {
      const sentAt = Date.now();
      const { found, then } = await lookupThen(emails, cardQueries(FIRST_FOUND, thread).map((q) => q.request));
      const contact = found[first.email];
      if (!contact || !then) return found;
      cardQueries(contact.id, thread).forEach(({ queryKey }, i) => {
        const answer = then[i];
        // A section whose answer failed is left out: it asks again, and shows its error, once the card is up. An
        // answer is never written over one newer than the question, or over one being refetched or to be refetched
        // (a write made during the switch invalidates it: its refetch is the newer answer).
        const held = client.getQueryState(queryKey);
        const newer = held && (held.dataUpdatedAt >= sentAt || held.isInvalidated || held.fetchStatus !== 'idle');
        if (answer?.ok && !newer) client.setQueryData(queryKey, answer.data);
      });
      return found;
    },
  });
}
