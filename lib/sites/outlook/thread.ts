// Reads the open conversation or the compose form the rep is in into plain data; null when neither is shown.
import { focusedOf } from '../compose-focus';
import { cleanText, findFirst, isShown } from '../dom';
import type { MessageInfo } from '../gmail/messages';
import { mergeParticipants } from '../gmail/participants';
import type { ThreadContext } from '../types';
import { composeDraft, composeRecipients, composeRoots } from './compose';
import { readingPane, readMessages, type RawMessage } from './messages';
import { nameOnlyPeople, outsideBody, type RawSighting, resolveNames } from './people';
import { outlookSelectors as S } from './selectors';
import { readSelfEmail, readSelfName } from './self';

/** Same bound as the `activities.logEmail` subject in lib/messaging/protocol.ts (kept local: no Gmail code here). */
const MAX_SUBJECT_LENGTH = 1000;

/** Conversation id: the subject heading's `CONV_<id>_SUBJECT`, the selected list row, or the URL's `/id/<id>`. */
function conversationId(doc: Document, heading: Element | null): string | null {
  const fromHeading = /^CONV_(.+)_SUBJECT$/.exec(heading?.id ?? '')?.[1];
  if (fromHeading) return fromHeading;
  const row = findFirst(doc, S.selectedRow, isShown)?.el.getAttribute('data-convid');
  if (row) return row;
  const path = doc.location?.pathname ?? '';
  const fromUrl = /\/id\/([^/?#]+)/.exec(path)?.[1];
  return fromUrl ? decodeURIComponent(fromUrl) : null;
}

function threadContext(doc: Document, pane: Element | null, raw: RawMessage[], selfEmail: string | null): ThreadContext {
  const sightings: RawSighting[] = raw.flatMap((m) => [...(m.sender ? [m.sender] : []), ...m.recipients]);
  const resolve = resolveNames(sightings);
  const messages: MessageInfo[] = raw.map((m) => ({
    el: m.el,
    id: m.id,
    sentAt: m.sentAt,
    sender: m.sender ? resolve(m.sender) : null,
    recipients: m.recipients.flatMap((r) => resolve(r) ?? []),
  }));
  const heading = pane ? (findFirst(pane, S.subject, (el) => isShown(el) && outsideBody(el))?.el ?? null) : null;
  return {
    site: 'outlook',
    mode: 'thread',
    threadId: conversationId(doc, heading),
    subject: cleanText(heading?.getAttribute('title') || heading?.textContent, MAX_SUBJECT_LENGTH),
    messageIds: messages.flatMap((m) => (m.id ? [m.id] : [])),
    messages: messages.map((m) => ({ id: m.id, from: m.sender?.email ?? null, to: m.recipients.map((r) => r.email), sentAt: m.sentAt })),
    participants: mergeParticipants(messages, selfEmail),
    selfEmail,
    nameOnly: nameOnlyPeople(sightings, resolve, readSelfName(doc)),
  };
}

function composeContext(root: Element, index: number, selfEmail: string | null): ThreadContext {
  const raw = composeRecipients(root);
  const resolve = resolveNames(raw);
  const recipients = raw.flatMap((r) => resolve(r) ?? []);
  const draft = composeDraft(root);
  return {
    site: 'outlook',
    mode: 'compose',
    // Distinct per compose window, so each keeps its own sidebar state.
    threadId: `compose:${draft.id ?? index}`,
    subject: cleanText(draft.subject, MAX_SUBJECT_LENGTH),
    messageIds: [],
    messages: [],
    participants: mergeParticipants([{ el: root, id: null, sentAt: null, sender: null, recipients }], selfEmail),
    selfEmail,
    nameOnly: nameOnlyPeople(raw, resolve, readSelfName(root.ownerDocument)),
  };
}

/**
 * The focused compose form wins; else the open conversation (an inline reply belongs to it); else the newest
 * compose form (e.g. a pop-out window before anything is focused).
 */
export function readThread(doc: Document): ThreadContext | null {
  const selfEmail = readSelfEmail(doc);
  // The reading pane is looked up once per read (a document-wide query on a large page).
  const shownPane = readingPane(doc);
  const raw = readMessages(doc, shownPane);
  const pane = raw.length > 0 ? shownPane : null;
  const composes = composeRoots(doc).filter((root) => !pane?.contains(root));
  const focused = focusedOf(doc, composes);
  if (focused) return composeContext(focused, composes.indexOf(focused), selfEmail);
  if (raw.length > 0) return threadContext(doc, pane, raw, selfEmail);
  const newest = composes.at(-1);
  return newest ? composeContext(newest, composes.length - 1, selfEmail) : null;
}
