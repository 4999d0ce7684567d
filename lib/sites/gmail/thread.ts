// Reads the open thread, or the compose window the rep is in, into plain data; null when neither is shown
// (inbox, settings, loading).
import { focusedOf } from '../compose-focus';
import { cleanText, closestOf } from '../dom';
import type { ThreadContext } from '../types';
import { composeContext, composeRoots } from './compose';
import { findSubject, readThreadId } from './ids';
import { readMessage, visibleMessages } from './messages';
import { mergeParticipants } from './participants';
import { gmailSelectors as S } from './selectors';
import { readSelfEmail } from './self';
import { threadScope } from './views';

/** Same bound as the `activities.logEmail` subject in lib/messaging/protocol.ts. */
export const MAX_SUBJECT_LENGTH = 1000;

function threadContext(doc: Document, elements: Element[], selfEmail: string | null): ThreadContext {
  const messages = elements.map(readMessage);
  const subject = findSubject(threadScope(doc));
  return {
    site: 'gmail',
    mode: 'thread',
    threadId: readThreadId(subject, elements),
    // Capped at the protocol's subject limit, so a huge subject cannot make logging fail.
    subject: cleanText(subject?.textContent, MAX_SUBJECT_LENGTH),
    messageIds: messages.flatMap((m) => (m.id ? [m.id] : [])),
    messages: messages.map((m) => ({
      id: m.id,
      from: m.sender?.email ?? null,
      to: m.recipients.map((r) => r.email),
      sentAt: m.sentAt,
    })),
    participants: mergeParticipants(messages, selfEmail),
    selfEmail,
  };
}

/**
 * The focused compose window wins; else the open thread (its inline reply belongs to it); else the newest
 * compose window (e.g. the pop-out window, or a dialog opened over the inbox before anything is focused).
 */
export function readThread(doc: Document): ThreadContext | null {
  const elements = visibleMessages(threadScope(doc));
  const view = elements[0] ? (closestOf(elements[0], [...S.mainView, ...S.mainContainer]) ?? null) : null;
  const composes = composeRoots(doc).filter((root) => !view?.contains(root));
  if (elements.length === 0 && composes.length === 0) return null;

  const selfEmail = readSelfEmail(doc);
  const focused = focusedOf(doc, composes);
  if (focused) return composeContext(focused, composes.indexOf(focused), selfEmail);
  if (elements.length > 0) return threadContext(doc, elements, selfEmail);
  const newest = composes.at(-1);
  return newest ? composeContext(newest, composes.length - 1, selfEmail) : null;
}
