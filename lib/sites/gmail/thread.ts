// Reads the open thread into plain data; null when the visible view has no message (inbox, settings, loading).
import { cleanText } from '../dom';
import type { ThreadContext } from '../types';
import { findSubject, readThreadId } from './ids';
import { readMessage, visibleMessages } from './messages';
import { mergeParticipants } from './participants';
import { readSelfEmail } from './self';

/** Same bound as the `activities.logEmail` subject in lib/messaging/protocol.ts. */
export const MAX_SUBJECT_LENGTH = 1000;

export function readThread(doc: Document): ThreadContext | null {
  const elements = visibleMessages(doc);
  if (elements.length === 0) return null;

  const messages = elements.map(readMessage);
  const subject = findSubject(doc);
  const selfEmail = readSelfEmail(doc);
  return {
    site: 'gmail',
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
