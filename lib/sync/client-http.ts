// The sync client's HTTP side: whoami, push, pull and the SSE head events, over an injectable fetch. No storage:
// the extension's loop (lib/storage/sync-engine.ts) keeps the state; tests pass the server app's own fetch.
import {
  ErrorBodySchema,
  HeadEventSchema,
  PushResponseSchema,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  WhoAmIResponseSchema,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type WhoAmIResponse,
} from './wire.ts';
import { parsePullResponse } from './pull-response.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Why a request failed, in the terms the status line needs. */
export type SyncErrorKind =
  | 'offline' // no answer at all (network down, server stopped)
  | 'unauthorized' // 401: token revoked, unknown, or the team disabled
  | 'update_needed' // 426: this extension is older than the server
  | 'server_update_needed' // 409 server_update_needed
  | 'mutation_gap' // 409: resend from details.lastMutationId + 1
  | 'rate_limited' // 429
  | 'clock_ahead' // 400 clock_in_future: this device's clock is ahead of the server's
  | 'server' // 5xx
  | 'bad_response' // an answer that does not parse
  | 'rejected'; // another 4xx

export class SyncHttpError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

/** "https://sync.acme.com/" → "https://sync.acme.com"; null when it is not an http(s) URL. */
export function normaliseServerUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

export interface SyncHttp {
  whoami(): Promise<WhoAmIResponse>;
  push(req: PushRequest): Promise<PushResponse>;
  pull(cursor: string, limit?: number): Promise<PullResponse>;
  /** Calls onHead for every `event: head`; resolves when the stream ends, rejects on failure. */
  events(onHead: (head: number) => void, signal: AbortSignal): Promise<void>;
}

const pullPageCheck = {
  safeParse(v: unknown): { success: true; data: PullResponse } | { success: false } {
    const page = parsePullResponse(v);
    return page ? { success: true, data: page } : { success: false };
  },
};

export function syncHttp(baseUrl: string, token: string, fetchFn: FetchLike = (i, init) => fetch(i, init)): SyncHttp {
  const headers = (json: boolean): Record<string, string> => ({
    Authorization: `Bearer ${token}`,
    [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
    ...(json ? { 'Content-Type': 'application/json' } : {}),
  });

  async function send(path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, { ...init, cache: 'no-store', credentials: 'omit' });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new SyncHttpError('offline', 'The sync server cannot be reached', 0);
    }
    if (res.ok) return res;
    let code = '';
    let message = `HTTP ${res.status}`;
    let details: unknown;
    try {
      const body = ErrorBodySchema.safeParse(await res.json());
      if (body.success) ({ code, message, details } = body.data.error);
    } catch {
      // not JSON: a proxy's page
    }
    const retryAfter = Number(res.headers.get('Retry-After'));
    if (res.status === 401) throw new SyncHttpError('unauthorized', message, 401, details);
    if (res.status === 426 || code === 'client_update_needed') throw new SyncHttpError('update_needed', message, res.status, details);
    if (code === 'server_update_needed') throw new SyncHttpError('server_update_needed', message, res.status, details);
    if (code === 'mutation_gap') throw new SyncHttpError('mutation_gap', message, res.status, details);
    // Not final: the changes wait in the outbox and go once the clock is right (or real time catches up with them).
    if (code === 'clock_in_future') throw new SyncHttpError('clock_ahead', message, res.status, details);
    if (res.status === 429) throw new SyncHttpError('rate_limited', message, 429, details, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000);
    if (res.status >= 500 || res.status === 408) throw new SyncHttpError('server', message, res.status, details);
    throw new SyncHttpError('rejected', message, res.status, details);
  }

  async function json<T>(res: Response, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T> {
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new SyncHttpError('bad_response', 'The sync server answered something that is not JSON', res.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new SyncHttpError('bad_response', 'The sync server answered in an unexpected shape', res.status);
    return parsed.data;
  }

  return {
    async whoami() {
      return json(await send('/v1/whoami', { headers: headers(false) }), WhoAmIResponseSchema);
    },
    async push(req) {
      return json(await send('/v1/push', { method: 'POST', headers: headers(true), body: JSON.stringify(req) }), PushResponseSchema);
    },
    async pull(cursor, limit) {
      const q = new URLSearchParams();
      if (cursor) q.set('cursor', cursor);
      if (limit) q.set('limit', String(limit));
      const qs = q.toString();
      // Checked without zod (pull-response.ts): the same rules, a fraction of the time on a 100,000-row first pull.
      return json(await send(`/v1/pull${qs ? `?${qs}` : ''}`, { headers: headers(false) }), pullPageCheck);
    },
    async events(onHead, signal) {
      // EventSource does not exist in service workers: read the SSE stream with fetch.
      const res = await send('/v1/events', { headers: { ...headers(false), Accept: 'text/event-stream' }, signal });
      const reader = res.body?.getReader();
      if (!reader) return;
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split(/\r?\n/)) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (event !== 'head' || data.length === 0) continue;
          try {
            const parsed = HeadEventSchema.safeParse(JSON.parse(data.join('\n')));
            if (parsed.success) onHead(parsed.data.head);
          } catch {
            // a malformed event is skipped; the poll catches up
          }
        }
      }
    },
  };
}
