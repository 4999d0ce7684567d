// CTA insertion into the reply/forward editor or the compose form the rep is in.
import { typeInto } from '../caret';
import { focusedOf } from '../compose-focus';
import { editors } from './compose';

/** The focused editor (or the one focused before the rep clicked the sidebar), else the newest visible one. */
function findEditor(doc: Document): HTMLElement | null {
  const all = editors(doc);
  return ((focusedOf(doc, all) ?? all.at(-1)) as HTMLElement | undefined) ?? null;
}

export function insertAtCaret(doc: Document, text: string): boolean {
  const editor = findEditor(doc);
  return editor ? typeInto(doc, editor, text) : false;
}
