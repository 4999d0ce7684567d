// CTA insertion into the reply/forward editor or the compose form the rep is in, and opening a reply when none is.
import { closestOf, findAll, isShown } from '../dom';
import { focusedOf } from '../compose-focus';
import { fillEmptySubject, type InsertContent, insertIntoEditor } from '../editing';
import { editors } from './compose';
import { outsideBody } from './people';
import { outlookSelectors as S } from './selectors';

/** The editor containing a node (never one inside a message body: that is the sender's HTML). */
export function editorOf(node: Node): HTMLElement | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const editor = el ? closestOf(el, S.editor) : null;
  return editor && outsideBody(editor) ? (editor as HTMLElement) : null;
}

/** The focused editor (or the one focused before the rep clicked the sidebar), else the newest visible one. */
function findEditor(doc: Document): HTMLElement | null {
  const all = editors(doc);
  return ((focusedOf(doc, all) ?? all.at(-1)) as HTMLElement | undefined) ?? null;
}

export function insertAtCaret(doc: Document, content: InsertContent, subject = ''): boolean {
  const editor = findEditor(doc);
  if (!editor) return false;
  fillEmptySubject(editor, S.composeSubject, S.editor.join(','), subject);
  return insertIntoEditor(doc, editor, content);
}

/** Clicks the newest message's Reply; Outlook then renders the inline reply editor (asynchronously). */
export function openReply(doc: Document): boolean {
  const found = findAll(doc, S.replyButton, (el) => isShown(el) && outsideBody(el)).els.at(-1);
  const button = (found?.closest('button, [role=button], [role=menuitem]') ?? found) as HTMLElement | undefined;
  if (!button) return false;
  for (const type of ['mousedown', 'mouseup', 'click'] as const) {
    button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: doc.defaultView }));
  }
  return true;
}

