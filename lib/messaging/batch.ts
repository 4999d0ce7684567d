// Several requests in one runtime message (see client.ts). No zod here: the content script bundles this file.
import type { Envelope } from './errors';

export const BATCH_TYPE = 'batch';
/** More calls than this in one task go as several messages. */
export const MAX_BATCH_REQUESTS = 32;

export interface BatchMessage {
  type: typeof BATCH_TYPE;
  requests: unknown[];
}

export function isBatch(raw: unknown): raw is BatchMessage {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === BATCH_TYPE;
}

/**
 * A lookup, then requests about the contact it found for its first address: the thread's people and the first one's
 * card in one message (a thread switch otherwise waits for the lookup's answer before it can ask for the card). In
 * `then`, a `contactId` of FIRST_FOUND stands for that contact's id; when nobody is found for the first address, the
 * requests are not run.
 */
export const LOOKUP_THEN_TYPE = 'lookupThen';
export const FIRST_FOUND = '(first found)';

export interface LookupThenMessage {
  type: typeof LOOKUP_THEN_TYPE;
  emails: string[];
  then: unknown[];
}

export interface LookupThenReply<Lookup = unknown> {
  lookup: Envelope<Lookup>;
  /** One answer per request of `then`, in order; null when the first address is nobody's. */
  then: Envelope<unknown>[] | null;
}

export function isLookupThen(raw: unknown): raw is LookupThenMessage {
  return typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === LOOKUP_THEN_TYPE;
}

/** `request` about the found contact: its top-level FIRST_FOUND `contactId` replaced (anything else unchanged). */
export function aboutContact(request: unknown, contactId: string): unknown {
  if (typeof request !== 'object' || request === null || (request as { contactId?: unknown }).contactId !== FIRST_FOUND) return request;
  return { ...request, contactId };
}
