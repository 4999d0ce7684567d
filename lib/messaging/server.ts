// The background's single entry point for messages: sender check, schema check, typed handler, typed error.
import { aboutContact, isBatch, isLookupThen, type LookupThenMessage, type LookupThenReply, MAX_BATCH_REQUESTS } from './batch';
import { type Envelope, FichaError } from './errors';
import { type Handlers, type RequestType, RequestSchema } from './protocol';

export interface MessageSender {
  id?: string;
}

type Translate = (message: string) => string;

/** Messages and field-level details in the UI language; other details (e.g. a log policy) pass unchanged. */
function localised(error: FichaError, translate: Translate) {
  const wire = error.toWire();
  const details = Array.isArray(wire.details)
    ? wire.details.map((d: unknown) => (d && typeof d === 'object' && typeof (d as { message?: unknown }).message === 'string' ? { ...d, message: translate((d as { message: string }).message) } : d))
    : wire.details;
  return { ...wire, message: translate(wire.message), ...(details === undefined ? {} : { details }) };
}

const NOT_OURS = 'Message not from this extension';

export function createMessageHandler(handlers: Handlers, extensionId: string, translate: Translate = (m) => m) {
  /** A composite message (batch, lookupThen) refused as a whole. */
  const refused = (code: 'forbidden_sender' | 'invalid_message', message: string) => ({ ok: false as const, error: localised(new FichaError(code, message), translate) });

  /** A batch (client.ts) answers each request as if it had come alone, in order; one bad request fails only itself. */
  async function handleBatch(raw: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    const requests = (raw as { requests?: unknown }).requests;
    if (sender.id !== extensionId) return refused('forbidden_sender', NOT_OURS);
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > MAX_BATCH_REQUESTS || requests.some(isBatch)) {
      return refused('invalid_message', `A batch holds 1 to ${MAX_BATCH_REQUESTS} requests, none of them a batch`);
    }
    return { ok: true, data: await Promise.all(requests.map((request) => handle(request, sender))) };
  }

  /** The lookup, then each request of `then` about the contact found for the first address, each answered alone. */
  async function handleLookupThen(raw: LookupThenMessage, sender: MessageSender): Promise<Envelope<LookupThenReply>> {
    const { emails, then } = raw;
    if (sender.id !== extensionId) return refused('forbidden_sender', NOT_OURS);
    if (!Array.isArray(emails) || !Array.isArray(then) || then.length > MAX_BATCH_REQUESTS || then.some((r) => isBatch(r) || isLookupThen(r))) {
      return refused('invalid_message', `A lookup carries up to ${MAX_BATCH_REQUESTS} requests, none of them a batch`);
    }
    const lookup = await handle({ type: 'contacts.lookup', emails }, sender);
    const found = lookup.ok ? (lookup.data as Record<string, { id: string } | null>)[emails[0] as string] : null;
    if (!found) return { ok: true, data: { lookup, then: null } };
    return { ok: true, data: { lookup, then: await Promise.all(then.map((request) => handle(aboutContact(request, found.id), sender))) } };
  }

  async function handle(raw: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    try {
      // Web pages can reach us through externally_connectable or a compromised content script: only we may talk.
      if (sender.id !== extensionId) throw new FichaError('forbidden_sender', NOT_OURS);
      const parsed = RequestSchema.safeParse(raw);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new FichaError('invalid_message', 'Message does not match the protocol', details);
      }
      const request = parsed.data;
      const handler = handlers[request.type as RequestType] as (r: typeof request) => Promise<unknown>;
      return { ok: true, data: await handler(request) };
    } catch (error) {
      if (error instanceof FichaError) return { ok: false, error: localised(error, translate) };
      console.error('[ficha] handler failed', error);
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  return (raw: unknown, sender: MessageSender): Promise<Envelope<unknown>> =>
    isBatch(raw) ? handleBatch(raw, sender) : isLookupThen(raw) ? handleLookupThen(raw, sender) : handle(raw, sender);
}
