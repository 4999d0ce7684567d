// Finds the visible messages of the open thread and reads each one's id, sender and recipients.
import { isValidEmail, normaliseEmail } from '@/lib/domain/email';
import type { ParticipantRole } from '../types';
import { cleanText, closestOf, findAll, findFirst, isShown, withinAny } from '../dom';
import { gmailSelectors as S } from './selectors';

export interface Sighting {
  email: string;
  name: string;
  role: ParticipantRole;
}

export interface MessageInfo {
  el: Element;
  id: string | null;
  sentAt: number | null;
  sender: Sighting | null;
  recipients: Sighting[];
}

/** Where a reply or forward puts the quoted mail: an editor's content is mail HTML too. */
const EDITOR_CONTENT = ['[contenteditable=true]', '[contenteditable=""]', '[g_editable]'];

/**
 * Mail HTML can carry any attribute (a fake `email`, `data-message-id`, editor): never trust what is inside a message
 * body or inside an editor (the editor itself may be what is looked for, so only its content is excluded).
 */
export const outsideBody = (el: Element): boolean => closestOf(el, S.body) === null && !withinAny(el, EDITOR_CONTENT);

const hasSender = (el: Element): boolean => findFirst(el, S.sender, outsideBody) !== null;

/** Expanded messages plus collapsed rows, in page order; empty when no thread is open. */
export function visibleMessages(scope: ParentNode): Element[] {
  const expanded = findAll(scope, S.message, (el) => isShown(el) && outsideBody(el)).els;
  // A collapsed row is a message only when no expanded message sits inside or around it.
  const collapsed = findAll(
    scope,
    S.collapsedMessage,
    (row) =>
      isShown(row) &&
      outsideBody(row) &&
      !expanded.some((msg) => msg.contains(row) || row.contains(msg)) &&
      hasSender(row),
  ).els;
  // Nested matches (a `.kv` inside a listitem) must count once: keep the outermost.
  const all = [...expanded, ...collapsed].filter((el, _, list) => !list.some((o) => o !== el && o.contains(el)));
  // Each list is in page order already (querySelectorAll's): only two lists joined need sorting.
  if (expanded.length === 0 || collapsed.length === 0) return all;
  return all.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

function sighting(el: Element, role: ParticipantRole): Sighting | null {
  const email = normaliseEmail(el.getAttribute('email') ?? '');
  if (!isValidEmail(email)) return null;
  return { email, name: cleanText(el.getAttribute('name') || el.textContent), role };
}

/** "cc:", "Cc:", "bcc:", Spanish/Portuguese "cco:", French "cci:". Anything else in the popup counts as "to". */
const CC_LABEL = /^(b?cc|cco|cci)\s*:?$/i;

function detailsRole(chip: Element): ParticipantRole {
  const row = chip.closest('tr');
  const label = row ? findFirst(row, S.detailsLabel)?.el.textContent : '';
  return CC_LABEL.test(cleanText(label)) ? 'cc' : 'to';
}

function messageId(el: Element): string | null {
  const carrier = [el, ...findAll(el, ['[data-legacy-message-id]', '[data-message-id]'], outsideBody).els].find(
    (c) => c.hasAttribute('data-legacy-message-id') || c.hasAttribute('data-message-id'),
  );
  if (!carrier) return null;
  return carrier.getAttribute('data-legacy-message-id') || carrier.getAttribute('data-message-id') || null;
}

/** Gmail's date title in the page's locale; English and ISO-like forms parse, others give null (never a guess). */
// The same thread is read again on every change of the page: its dates are parsed once (Date.parse is slow).
const parsedDates = new Map<string, number | null>();
const MAX_PARSED_DATES = 256;

function sentAt(el: Element): number | null {
  const title = findFirst(el, S.date, outsideBody)?.el.getAttribute('title') ?? '';
  const known = parsedDates.get(title);
  if (known !== undefined) return known;
  const parsed = Date.parse(title.replace(/\s+at\s+/, ' ').replace(/,(\s*\d{1,2}:\d{2})/, '$1'));
  if (parsedDates.size >= MAX_PARSED_DATES) parsedDates.clear();
  parsedDates.set(title, Number.isFinite(parsed) ? parsed : null);
  return parsedDates.get(title)!;
}

export function readMessage(el: Element): MessageInfo {
  const senderEl = findFirst(el, S.sender, outsideBody)?.el;
  const sender = senderEl ? sighting(senderEl, 'from') : null;

  // The details popup knows to/cc apart; the header chips do not, so per message the popup wins.
  const recipients = new Map<string, Sighting>();
  const add = (s: Sighting | null) => {
    if (!s) return;
    // The popup's "from:" row repeats the sender, often with a longer name than the header shows.
    const seen = s.email === sender?.email ? sender : recipients.get(s.email);
    if (!seen) recipients.set(s.email, s);
    else if (s.name.length > seen.name.length) seen.name = s.name;
  };
  for (const chip of findAll(el, S.details, outsideBody).els) add(sighting(chip, detailsRole(chip)));
  for (const chip of findAll(el, S.recipients, outsideBody).els) add(sighting(chip, 'to'));

  return { el, id: messageId(el), sentAt: sentAt(el), sender, recipients: [...recipients.values()] };
}
