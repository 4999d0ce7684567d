// Typed calls into the background. Type-only imports keep zod out of content-script bundles.
import { browser } from 'wxt/browser';
import { type Envelope, FichaError } from './errors';
import type { RequestInputOf, RequestType, Responses } from './protocol';

export async function send<T extends RequestType>(request: RequestInputOf<T>): Promise<Responses[T]> {
  let reply: Envelope<Responses[T]> | undefined;
  try {
    reply = (await browser.runtime.sendMessage(request)) as Envelope<Responses[T]> | undefined;
  } catch (error) {
    // The worker was updated or restarted under this tab: say so instead of a raw runtime error.
    throw new FichaError('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (!reply) throw new FichaError('unreachable', 'No answer from the extension background');
  if (!reply.ok) throw new FichaError(reply.error.code, reply.error.message, reply.error.details);
  return reply.data;
}
