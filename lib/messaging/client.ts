// Typed calls into the background. Type-only imports keep zod out of content-script bundles.
//
// Calls made in the same task travel as one message: opening a contact card starts about ten queries at once, and
// one message answered once costs the webmail page one serialisation and one React update instead of ten.
import { browser } from 'wxt/browser';
import { BATCH_TYPE, LOOKUP_THEN_TYPE, type LookupThenReply, MAX_BATCH_REQUESTS } from './batch';
import { type Envelope, FichaError } from './errors';
import type { RequestInputOf, RequestType, Responses } from './protocol';

interface Pending {
  request: unknown;
  resolve(reply: Envelope<unknown> | undefined): void;
  reject(error: unknown): void;
}

let queued: Pending[] | null = null;

export async function send<T extends RequestType>(request: RequestInputOf<T>, options: { now?: boolean } = {}): Promise<Responses[T]> {
  return dataOf(await reached(() => enqueue(request, options.now) as Promise<Envelope<Responses[T]> | undefined>));
}

/**
 * The thread's people looked up, and `then`'s requests (see LOOKUP_THEN_TYPE) about the one found for the first
 * address, in one message. The lookup's failure throws; each of `then`'s answers is left for the caller to read.
 */
export async function lookupThen(emails: string[], then: unknown[]): Promise<{ found: Responses['contacts.lookup']; then: Envelope<unknown>[] | null }> {
  const reply = dataOf(await reached(() => browser.runtime.sendMessage({ type: LOOKUP_THEN_TYPE, emails, then }) as Promise<Envelope<LookupThenReply<Responses['contacts.lookup']>> | undefined>));
  return { found: dataOf(reply.lookup), then: reply.then };
}

async function reached<R>(ask: () => Promise<R | undefined>): Promise<R> {
  let reply: R | undefined;
  try {
    reply = await ask();
  } catch (error) {
    // The worker was updated or restarted under this tab: say so instead of a raw runtime error.
    throw new FichaError('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (!reply) throw new FichaError('unreachable', 'No answer from the extension background');
  return reply;
}

function dataOf<T>(reply: Envelope<T>): T {
  if (!reply.ok) throw new FichaError(reply.error.code, reply.error.message, reply.error.details);
  return reply.data;
}

/**
 * `now`: alone and at once, for a write the rep just clicked. Queued, it would leave after the re-render its pending
 * state triggers (react-query's notification and React's render are microtasks queued before the flush).
 */
function enqueue(request: unknown, now?: boolean): Promise<Envelope<unknown> | undefined> {
  return new Promise((resolve, reject) => {
    if (now) return void deliver([{ request, resolve, reject }]);
    if (!queued) {
      queued = [];
      // A microtask: the calls of one render/commit are all made before it runs, and a lone call waits no longer.
      queueMicrotask(flush);
    }
    queued.push({ request, resolve, reject });
  });
}

function flush(): void {
  const calls = queued ?? [];
  queued = null;
  for (let i = 0; i < calls.length; i += MAX_BATCH_REQUESTS) void deliver(calls.slice(i, i + MAX_BATCH_REQUESTS));
}

async function deliver(calls: Pending[]): Promise<void> {
  try {
    if (calls.length === 1) {
      calls[0]!.resolve((await browser.runtime.sendMessage(calls[0]!.request)) as Envelope<unknown> | undefined);
      return;
    }
    const reply = (await browser.runtime.sendMessage({ type: BATCH_TYPE, requests: calls.map((c) => c.request) })) as Envelope<Array<Envelope<unknown>>> | undefined;
    if (reply && !reply.ok) {
      for (const c of calls) c.resolve(reply);
      return;
    }
    calls.forEach((c, i) => c.resolve(reply?.data[i]));
  } catch (error) {
    for (const c of calls) c.reject(error);
  }
}
