// Gmail's reply and compose editors: which one an insert goes to, and how to open a reply when none is open.
import { focusedOf } from '../compose-focus';
import { closestOf, findAll, findFirst, isShown } from '../dom';
import { fillEmptySubject, type InsertContent, insertIntoEditor } from '../editing';
import { outsideBody } from './messages';
import { gmailSelectors as S } from './selectors';

/** The editor containing a node (never one inside a message body: that is the sender's HTML). */
export function editorOf(node: Node): HTMLElement | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  const editor = el ? closestOf(el, S.editor) : null;
  return editor && outsideBody(editor) ? (editor as HTMLElement) : null;
}

/** The focused editor, else the one focused last (several compose windows), else the last visible one. */
export function findEditor(doc: Document): HTMLElement | null {
  const active = doc.activeElement;
  const focused = active ? editorOf(active) : null;
  if (focused) return focused;
  const editors = findAll(doc, S.editor, (el) => isShown(el) && outsideBody(el)).els;
  // Focus is in the sidebar (the rep clicked Insert): the editor focused before it, else the newest one.
  return ((focusedOf(doc, editors) ?? editors.at(-1)) as HTMLElement | undefined) ?? null;
}

export function insertAtCaret(doc: Document, content: InsertContent, subject = ''): boolean {
  const editor = findEditor(doc);
  if (!editor) return false;
  fillEmptySubject(editor, ['input[name=subjectbox]'], S.editor.join(','), subject);
  return insertIntoEditor(doc, editor, content);
}

/** Clicks the thread's Reply; Gmail then renders the inline reply editor (asynchronously). */
export function openReply(doc: Document): boolean {
  const buttons = findAll(doc, S.replyButton, (el) => isShown(el) && outsideBody(el)).els;
  const reply = (buttons.at(-1) ?? findFirst(doc, S.replyButton)?.el) as HTMLElement | undefined;
  if (!reply) return false;
  for (const type of ['mousedown', 'mouseup', 'click'] as const) reply.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: doc.defaultView }));
  return true;
}

