// The message cards of the open conversation (expanded and collapsed) and each one's sender, recipients and id.
// An expanded card is the `[aria-expanded=true]` element around its sender, or else the largest ancestor holding that
// sender and no other card: the parsing needs none of Outlook's generated card classes.
import { closestOf, findAll, findFirst, isShown } from '../dom';
import type { ParticipantRole } from '../types';
import { isHeaderPart, type RawSighting, sightingOf, sightingsInWell, wellRole } from './people';
import { outlookSelectors as S } from './selectors';

export interface RawMessage {
  el: Element;
  id: string | null;
  sentAt: number | null;
  sender: RawSighting | null;
  recipients: RawSighting[];
}

// The reading pane outlives conversation switches: a pane found by the primary selector is kept while it is attached,
// shown and still matching, instead of searching the whole page for it on every read (~0.1 ms on a 10,000-node page).
const panes = new WeakMap<Document, Element>();

export function readingPane(doc: Document): Element | null {
  const known = panes.get(doc);
  if (known?.isConnected && known.matches(S.readingPane[0]!) && isShown(known)) return known;
  const found = findFirst(doc, S.readingPane, isShown);
  if (found?.selectorIndex === 0) panes.set(doc, found.el);
  else panes.delete(doc);
  return found?.el ?? null;
}

const shownHeaderPart = (el: Element): boolean => isShown(el) && isHeaderPart(el);
/**
 * Drops elements nested in another of the list (linear in list size × depth, for long conversations). All of them
 * lie inside `pane`, so no ancestor above it can be one of them: the walk stops there, not at the document's root.
 */
function outermost(els: Element[], pane: Element): Element[] {
  if (els.length < 2) return els;
  const set = new Set(els);
  return els.filter((el) => {
    for (let up = el.parentElement; up && up !== pane; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}

/** For every ancestor (below `pane`) of the given elements: how many of them it holds. */
function holdCounts(els: readonly Element[], pane: Element): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const el of els) {
    for (let up: Element | null = el; up && up !== pane; up = up.parentElement) counts.set(up, (counts.get(up) ?? 0) + 1);
  }
  return counts;
}
/** Merges two lists already in page order (a sort would compare far more often: slow on long conversations). */
function mergeInPageOrder(a: RawMessage[], b: RawMessage[]): RawMessage[] {
  const out: RawMessage[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const first = a[i]!.el.compareDocumentPosition(b[j]!.el) & Node.DOCUMENT_POSITION_FOLLOWING;
    out.push(first ? a[i++]! : b[j++]!);
  }
  return [...out, ...a.slice(i), ...b.slice(j)];
}

/** `MSG_<id>_FROM` → id. */
function messageId(sender: Element): string | null {
  const carrier = sender.closest('[id^=MSG_]') ?? sender.querySelector('[id^=MSG_]');
  return /^MSG_(.+)_FROM$/.exec(carrier?.id ?? '')?.[1] ?? null;
}

function sentAt(card: Element): number | null {
  const el = findFirst(card, S.date, isHeaderPart)?.el;
  const raw = el?.getAttribute('title') || el?.textContent || '';
  // A date without a year ("Mon 11/23") would parse as 2001: no year, no date.
  if (!/\d{4}/.test(raw)) return null;
  const parsed = Date.parse(raw.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

function recipients(card: Element, sender: Element): RawSighting[] {
  const wells = findAll(card, S.recipientWell, shownHeaderPart).els;
  if (wells.length > 0) return wells.flatMap((well, i) => sightingsInWell(well, wellRole(well, i)));
  // No recognisable recipient line: every other pill in the header counts as "to".
  const pills = findAll(card, S.persona, (el) => shownHeaderPart(el) && !sender.contains(el)).els;
  const role: ParticipantRole = 'to';
  return pills.flatMap((pill) => sightingOf(pill, role) ?? []);
}

/** The card of an expanded sender: stops below any element that also holds another sender or collapsed card. */
function cardOf(sender: Element, holds: Map<Element, number>, pane: Element): Element {
  const alone = (el: Element) => (holds.get(el) ?? 0) <= 1;
  const marked = closestOf(sender, S.expandedCard);
  if (marked && marked !== pane && pane.contains(marked) && alone(marked)) return marked;
  let card = sender;
  for (let up = card.parentElement; up && up !== pane && alone(up); up = up.parentElement) card = up;
  return card;
}

/** The conversation's messages in page order; empty when no conversation is open. */
export function readMessages(doc: Document, pane: Element | null = readingPane(doc)): RawMessage[] {
  if (!pane) return [];
  const senders = outermost(findAll(pane, S.sender, shownHeaderPart).els, pane);
  // Collapsed cards hold no expanded sender and sit inside no expanded card (that would be a header toggle).
  const collapsedCards = outermost(
    findAll(
      pane,
      S.collapsedCard,
      (el) => shownHeaderPart(el) && !senders.some((s) => el.contains(s)) && !closestOf(el.parentElement ?? el, S.expandedCard),
    ).els,
    pane,
  );

  const holds = holdCounts([...senders, ...collapsedCards], pane);
  const expanded = senders.map((sender): RawMessage => {
    const card = cardOf(sender, holds, pane);
    return { el: card, id: messageId(sender), sentAt: sentAt(card), sender: sightingOf(sender, 'from'), recipients: recipients(card, sender) };
  });
  // Collapsed cards show only the sender (often a name without an address), a date and a preview.
  const collapsed = collapsedCards.flatMap((card): RawMessage[] => {
    const senderEl = findFirst(card, S.collapsedSender, shownHeaderPart)?.el;
    const sender = senderEl ? sightingOf(senderEl, 'from') : null;
    return senderEl && sender ? [{ el: card, id: messageId(senderEl), sentAt: sentAt(card), sender, recipients: [] }] : [];
  });
  return mergeInPageOrder(expanded, collapsed);
}
