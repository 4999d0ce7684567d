// Gmail compose windows (dialog, full-screen and the pop-out window): the recipients chosen so far and the draft id.
import { isValidEmail, normaliseEmail } from '@/lib/domain/email';
import { outermostShown } from '../compose-focus';
import { cleanText, closestOf, findAll, findFirst } from '../dom';
import type { ParticipantRole, ThreadContext } from '../types';
import { outsideBody, type Sighting } from './messages';
import { mergeParticipants } from './participants';
import { gmailSelectors as S } from './selectors';

/** Shown compose windows in page order (an inline reply is filtered out by the caller). */
export function composeRoots(doc: Document): Element[] {
  const anchors = findAll(doc, S.composeAnchor, outsideBody).els;
  return outermostShown(anchors.flatMap((anchor) => closestOf(anchor, S.composeRoot) ?? []));
}

function chipSighting(chip: Element, role: ParticipantRole): Sighting | null {
  const email = normaliseEmail(chip.getAttribute('data-hovercard-id') ?? chip.getAttribute('email') ?? '');
  if (!isValidEmail(email)) return null;
  return { email, name: cleanText(chip.getAttribute('data-name') ?? chip.getAttribute('name') ?? chip.textContent), role };
}

function recipients(root: Element): Sighting[] {
  return findAll(root, S.composeWell).els.flatMap((well) => {
    const role: ParticipantRole = well.getAttribute('name') === 'to' ? 'to' : 'cc';
    const chips = findAll(well, S.composeChip).els.filter((c, _, all) => !all.some((o) => o !== c && o.contains(c)));
    return chips.flatMap((chip) => chipSighting(chip, role) ?? []);
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
