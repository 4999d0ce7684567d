// A logged message's body as plain text, read only when the rep logs it (and stored only if they turned that on).
import { findFirst } from '../dom';
import { readMessage, visibleMessages } from './messages';
import { threadScope } from './views';
import { gmailSelectors as S } from './selectors';

/** Sent to the background at most this long; it sanitises and caps again before storing. */
export const MAX_BODY_CHARS = 100_000;

/** textContent, never HTML: the sender's markup, scripts and styles are not kept. */
export function readBody(doc: Document, messageId: string): string | null {
  const message = visibleMessages(threadScope(doc)).find((el) => readMessage(el).id === messageId);
  const body = message ? findFirst(message, S.body)?.el : null;
  if (!body) return null;
  const clone = body.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll('style, script, template')) el.remove();
  return (clone.textContent ?? '').slice(0, MAX_BODY_CHARS);
}
