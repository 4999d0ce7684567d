// Several requests in one runtime message (see client.ts). No zod here: the content script bundles this file.

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
