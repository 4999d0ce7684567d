// Gmail compose windows (dialog, full-screen and the pop-out window): the recipients chosen so far and the draft id.
import { emailsInText, isValidEmail, normaliseEmail } from '@/lib/domain/email';
import { outermostShown } from '../compose-focus';
import { cleanText, closestOf, findAll, findFirst } from '../dom';
import type { ParticipantRole, ThreadContext } from '../types';
import { outsideBody, type Sighting } from './messages';
import { mergeParticipants } from './participants';
import { threadScope } from './views';
import { gmailSelectors as S } from './selectors';

/** Shown compose windows in page order (an inline reply is filtered out by the caller). */
export function composeRoots(doc: Document): Element[] {
  // This runs on every change of the page, and each document-wide scan costs ~0.1–0.3 ms on a heavy page: Gmail
  // docks compose windows in its compose host, so that is searched; the whole page only when there is no host (the
  // pop-out window, or markup that changed) or when the rep is typing outside it (a window Gmail put elsewhere).
  const host = composeHost(doc);
  return host && !typingOutside(doc, host) ? composeRootsIn(host) : composeRootsIn(doc);
}

// Gmail keeps its compose host for the life of the page: found once, searched for again only once it is detached.
const hosts = new WeakMap<Document, Element>();

function composeHost(doc: Document): Element | undefined {
  const known = hosts.get(doc);
  if (known?.isConnected) return known;
  const found = findFirst(doc, S.composeHost)?.el;
  if (found) hosts.set(doc, found);
  return found;
}

function composeRootsIn(scope: ParentNode): Element[] {
  const anchors = findAll(scope, S.composeAnchor, outsideBody).els;
  return outermostShown(anchors.flatMap((anchor) => closestOf(anchor, S.composeRoot) ?? []));
}

/** Focus in an editable field that is neither in the compose host nor in the views (an inline reply). */
function typingOutside(doc: Document, host: Element): boolean {
  const active = doc.activeElement as HTMLElement | null;
  const views = threadScope(doc);
  if (!active || host.contains(active) || (views !== doc && views.contains(active))) return false;
  return active.isContentEditable || active.tagName === 'INPUT' || active.tagName === 'TEXTAREA';
}

/** The lists a recipient input controls or owns: its autocomplete suggestions, which are not recipients. */
function suggestionLists(well: Element): Element[] {
  const ids = [...well.querySelectorAll('[aria-controls], [aria-owns]')].flatMap((el) => `${el.getAttribute('aria-controls') ?? ''} ${el.getAttribute('aria-owns') ?? ''}`.split(/\s+/));
  return ids.flatMap((id) => (id ? (well.ownerDocument.getElementById(id) ?? []) : []));
}

function chipSighting(chip: Element, role: ParticipantRole, suggestions: Element[]): Sighting | null {
  const attribute = chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email');
  if (attribute === null && suggestions.some((list) => list.contains(chip))) return null;
  // A chip without either attribute (Gmail's markup drifted): the address its label or text shows, if any.
  const shown = attribute === null ? `${chip.getAttribute('aria-label') ?? ''} ${chip.textContent ?? ''}` : '';
  const email = normaliseEmail(attribute ?? emailsInText(shown)[0] ?? '');
  if (!isValidEmail(email)) return null;
  const text = attribute === null ? (chip.textContent ?? '').replace(/\S*@\S*/g, '').replace(/[<>()]/g, '') : chip.textContent;
  return { email, name: cleanText(chip.getAttribute('data-name') ?? chip.getAttribute('name') ?? text), role };
}

function recipients(root: Element): Sighting[] {
  // A forward quotes the mail in the editor, chips and recipient lines included: only the form's own count.
  return findAll(root, S.composeWell, outsideBody).els.flatMap((well) => {
    const role: ParticipantRole = well.getAttribute('name') === 'to' ? 'to' : 'cc';
    const chips = findAll(well, S.composeChip, outsideBody).els.filter((c, _, all) => !all.some((o) => o !== c && o.contains(c)));
    const suggestions = suggestionLists(well);
    return chips.flatMap((chip) => chipSighting(chip, role, suggestions) ?? []);
  });
}

function draftId(root: Element, index: number): string {
  const value = (name: string) => (findFirst(root, [`input[name=${name}]`])?.el as HTMLInputElement | undefined)?.value;
  return value('composeid') || value('draft') || String(index);
}

export function composeContext(root: Element, index: number, selfEmail: string | null): ThreadContext {
  const subject = (findFirst(root, ['input[name=subjectbox]'])?.el as HTMLInputElement | undefined)?.value;
  return {
    site: 'gmail',
    mode: 'compose',
    // Distinct per compose window, so each keeps its own sidebar state.
    threadId: `compose:${draftId(root, index)}`,
    subject: cleanText(subject, 1000),
    messageIds: [],
    messages: [],
    participants: mergeParticipants([{ el: root, id: null, sentAt: null, sender: null, recipients: recipients(root) }], selfEmail),
    selfEmail,
  };
}
