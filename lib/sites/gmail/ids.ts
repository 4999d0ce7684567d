// Thread ids: the subject heading's attributes, else Gmail's own `jslog` logging attribute.
import { findAll, findFirst, isShown } from '../dom';
import { outsideBody } from './messages';
import { gmailSelectors as S } from './selectors';

/** The subject heading of the visible thread (old threads stay in the DOM, hidden). */
export function findSubject(scope: ParentNode): Element | null {
  return findFirst(scope, S.subject, (el) => isShown(el) && outsideBody(el))?.el ?? null;
}

/** `1:WyIjdGhyZWFkLWY6MTg3…In0.` → "thread-f:187…" (base64 JSON; Gmail pads with "." instead of "="). */
export function threadIdFromJslog(jslog: string): string | null {
  const encoded = /(?:^|;)\s*1:([A-Za-z0-9+/_.=-]+)/.exec(jslog)?.[1];
  if (!encoded) return null;
  try {
    const json = atob(encoded.replace(/\./g, '=').replace(/-/g, '+').replace(/_/g, '/'));
    const first: unknown = (JSON.parse(json) as unknown[])[0];
    return typeof first === 'string' && /^#?thread-[a-z]:[\w-]+$/.test(first) ? first.replace(/^#/, '') : null;
  } catch {
    return null;
  }
}

export function readThreadId(subject: Element | null, messages: readonly Element[]): string | null {
  const fromSubject = subject?.getAttribute('data-thread-perm-id') || subject?.getAttribute('data-legacy-thread-id');
  if (fromSubject) return fromSubject;
  for (const message of messages) {
    for (const el of [message, ...findAll(message, S.jslogThread, outsideBody).els]) {
      const id = threadIdFromJslog(el.getAttribute('jslog') ?? '');
      if (id) return id;
    }
  }
  return null;
}
