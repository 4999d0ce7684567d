// Compose forms (new mail in the reading pane, the full view, the pop-out `/mail/deeplink/compose` window, and inline
// replies): their root, recipients chosen so far and draft id.
import { closestOf, findAll, findFirst, isShown, withinAny } from '../dom';
import { outermostShown } from '../compose-focus';
import { outsideBody, type RawSighting, sightingsInWell, wellRole } from './people';
import { outlookSelectors as S } from './selectors';

/** What every editor selector requires (tests/sites/outlook-compose.test.ts keeps them so). */
export const EDITABLE = '[contenteditable=true]';

export function editors(doc: Document): Element[] {
  // Read on every page change, mostly with no editor open: one walk of the page says so, instead of one walk per
  // fallback selector (~0.1 ms each on a 10,000-node Outlook page).
  if (!doc.querySelector(EDITABLE)) return [];
  // An editor inside another is quoted mail (a forward of a message that held one), not a form of its own.
  return findAll(doc, S.editor, (el) => isShown(el) && outsideBody(el) && !withinAny(el, S.editor)).els;
}

/**
 * The editor's form: Briskine's docking id, else the editor's nearest ancestor that holds a recipient well — but
 * never one that also holds another editor (that would be a container of several forms, not a form).
 */
function rootOf(editor: Element, all: readonly Element[]): Element | null {
  const docked = closestOf(editor, S.composeRoot);
  if (docked) return docked;
  for (let up = editor.parentElement; up && up !== editor.ownerDocument.body; up = up.parentElement) {
    const container = up;
    if (all.some((other) => other !== editor && container.contains(other))) return null;
    if (findFirst(container, S.composeWell, (w) => w !== editor && !editor.contains(w) && !w.contains(editor))) return container;
  }
  return null;
}

/** Every shown compose form in page order (a reply editor with no recipient wells is not a compose form). */
export function composeRoots(doc: Document): Element[] {
  const all = editors(doc);
  return outermostShown(all.flatMap((editor) => rootOf(editor, all) ?? []));
}

export function composeRecipients(root: Element): RawSighting[] {
  // A recipient line inside the message editor is quoted mail, whatever it looks like.
  const wells = findAll(root, S.composeWell, (w) => isShown(w) && outsideBody(w) && !withinAny(w, S.editor)).els;
  return wells.flatMap((well, i) => sightingsInWell(well, wellRole(well, i)));
}

/** `MSG_<id>_SUBJECT` → id, and the subject typed so far. */
export function composeDraft(root: Element): { id: string | null; subject: string } {
  const input = findFirst(root, S.composeSubject)?.el as HTMLInputElement | undefined;
  const id = /^MSG_(.+)_SUBJECT$/.exec(input?.id ?? '')?.[1] ?? null;
  return { id, subject: input?.value ?? '' };
}
