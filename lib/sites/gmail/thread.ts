// Reads the open thread into plain data; null when the visible view has no message (inbox, settings, loading).
import type { ThreadContext } from '../types';
import { findSubject, readThreadId } from './ids';
import { readMessage, visibleMessages } from './messages';
import { mergeParticipants } from './participants';
import { readSelfEmail } from './self';

export function readThread(doc: Document): ThreadContext | null {
  const elements = visibleMessages(doc);
  if (elements.length === 0) return null;

  const messages = elements.map(readMessage);
  const subject = findSubject(doc);
  const selfEmail = readSelfEmail(doc);
  return {
    site: 'gmail',
    threadId: readThreadId(subject, elements),
    subject: (subject?.textContent ?? '').replace(/\s+/g, ' ').trim(),
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
