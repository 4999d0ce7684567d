// Addresses and names from Outlook's persona pills and sender lines. Outlook often shows a name without an address
// (address-book contacts); such sightings stay name-only until the conversation shows that name with an address.
import { emailsInText } from '@/lib/domain/email';
import type { ParticipantRole } from '../types';
import { cleanText, closestOf, findAll } from '../dom';
import type { Sighting } from '../gmail/messages';
import { CC_LABEL, outlookSelectors as S, TO_LABEL } from './selectors';

/** A sender or recipient as the page shows it; `email` is null when only a name is visible. */
export interface RawSighting {
  email: string | null;
  name: string;
  role: ParticipantRole;
}

/** Mail HTML, editors and recipient input fields are never read as message headers. */
export const outsideBody = (el: Element): boolean => closestOf(el, S.body) === null;
const outsideEditable = (el: Element): boolean => el.closest('[contenteditable=true]') === null;
export const isHeaderPart = (el: Element): boolean => outsideBody(el) && outsideEditable(el);

/**
 * The address of a sender line or pill. A display name is the sender's to choose and may itself look like an address
 * ("ceo@client.com" <evil@attacker.com>), so the address that closes the text ("Name<a@b.c>") wins; then a `title`,
 * then an `aria-label` (the element's or a descendant's) that names one address only; then the text's last address.
 */
export function addressIn(el: Element): string | null {
  const text = el.textContent ?? '';
  const closing = [...text.matchAll(/<([^<>]*)>/g)].flatMap((m) => emailsInText(m[1] ?? '').slice(0, 1)).at(-1);
  if (closing) return closing;
  const nodes = [el, ...Array.from(el.querySelectorAll('[title],[aria-label]'))];
  for (const attr of ['title', 'aria-label']) {
    const named = new Set(nodes.flatMap((node) => emailsInText(node.getAttribute(attr) ?? '')));
    if (named.size === 1) return [...named][0]!;
  }
  return emailsInText(text).at(-1) ?? null;
}

/** The visible name: the text without the address, angle brackets or separators. */
export function nameIn(el: Element): string {
  const text = cleanText(el.textContent)
    .replace(/<[^<>]*>/g, ' ')
    .replace(/[^\s<>;,]+@[^\s<>;,]+/g, ' ');
  return cleanText(text.replace(/^[\s;,]+|[\s;,]+$/g, ''));
}

export function sightingOf(el: Element, role: ParticipantRole): RawSighting | null {
  const email = addressIn(el);
  const name = nameIn(el);
  return email || name ? { email, name, role } : null;
}

/** To or Cc for a recipient line: a known label wins, otherwise the first line is To and later lines Cc. */
export function wellRole(well: Element, index: number): ParticipantRole {
  const label = well.getAttribute('aria-label') ?? cleanText(well.textContent, 20);
  if (CC_LABEL.test(label)) return 'cc';
  if (TO_LABEL.test(label)) return 'to';
  return index === 0 ? 'to' : 'cc';
}

/**
 * Addresses typed as plain text (Outlook leaves an address it could not resolve as text). While the rep is typing
 * in the line, only addresses closed by a separator count: "ana@client.co" may still become "ana@client.com".
 */
function typedAddresses(well: Element): string[] {
  const text = well.textContent ?? '';
  const typing = well.contains(well.ownerDocument.activeElement);
  return typing ? text.split(/[;,]/).slice(0, -1).flatMap(emailsInText) : emailsInText(text);
}

/** The people in one recipient line: its pills, or the addresses in its text when it has no pills. */
export function sightingsInWell(well: Element, role: ParticipantRole): RawSighting[] {
  const pills = findAll(well, S.persona).els.filter((pill, _, all) => !all.some((o) => o !== pill && o.contains(pill)));
  if (pills.length > 0) return pills.flatMap((pill) => sightingOf(pill, role) ?? []);
  return typedAddresses(well).map((email) => ({ email, name: '', role }));
}

/**
 * Name-only sightings take the address the same name has elsewhere in the page, when exactly one; the rest are
 * dropped (an address is never guessed from a name).
 */
export function resolveNames(all: readonly RawSighting[]): (raw: RawSighting) => Sighting | null {
  const byName = new Map<string, Set<string>>();
  for (const s of all) {
    if (!s.email || !s.name) continue;
    const key = s.name.toLowerCase();
    byName.set(key, (byName.get(key) ?? new Set()).add(s.email));
  }
  return (raw) => {
    if (raw.email) return { email: raw.email, name: raw.name, role: raw.role };
    const emails = byName.get(raw.name.toLowerCase());
    const only = emails?.size === 1 ? [...emails][0] : undefined;
    return only ? { email: only, name: raw.name, role: raw.role } : null;
  };
}

/** Sightings that stayed name-only, de-duplicated by name with roles merged, without the user's own name. */
export function nameOnlyPeople(
  all: readonly RawSighting[],
  resolve: (raw: RawSighting) => Sighting | null,
  selfName: string | null,
): { name: string; roles: ParticipantRole[] }[] {
  const byName = new Map<string, { name: string; roles: Set<ParticipantRole> }>();
  for (const s of all) {
    const key = s.name.toLowerCase();
    if (s.email || !s.name || key === selfName || resolve(s)) continue;
    const known = byName.get(key) ?? { name: s.name, roles: new Set<ParticipantRole>() };
    known.roles.add(s.role);
    byName.set(key, known);
  }
  const order: ParticipantRole[] = ['from', 'to', 'cc'];
  return [...byName.values()].map((p) => ({ name: p.name, roles: order.filter((r) => p.roles.has(r)) }));
}
