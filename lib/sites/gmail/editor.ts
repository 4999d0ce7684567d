// Types text into the open reply/compose editor the way the user would, so Gmail's own draft logic sees it.
import { closestOf, findAll, isShown } from '../dom';
import { outsideBody } from './messages';
import { gmailSelectors as S } from './selectors';

/** The focused editor, else the last visible one (the newest reply or compose window). */
function findEditor(doc: Document): HTMLElement | null {
  const active = doc.activeElement;
  const focused = active ? closestOf(active, S.editor) : null;
  if (focused && outsideBody(focused)) return focused as HTMLElement;
  const editors = findAll(doc, S.editor, (el) => isShown(el) && outsideBody(el)).els;
  return (editors.at(-1) as HTMLElement | undefined) ?? null;
}

/** Keeps the user's caret when it is already in the editor; otherwise puts it at the end of the draft. */
function caretIn(doc: Document, editor: HTMLElement): Selection | null {
  const selection = doc.getSelection();
  if (!selection) return null;
  const range = selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  if (!range || !editor.contains(range.commonAncestorContainer)) {
    const end = doc.createRange();
    end.selectNodeContents(editor);
    end.collapse(false);
    selection.removeAllRanges();
    selection.addRange(end);
  }
  return selection;
}

/** execCommand is deprecated but still the only way to insert with native undo and Gmail's input handling. */
function execInsert(doc: Document, text: string): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

export function insertAtCaret(doc: Document, text: string): boolean {
  const editor = findEditor(doc);
  if (!editor) return false;
  editor.focus();
  const selection = caretIn(doc, editor);
  if (!selection) return false;
  if (execInsert(doc, text)) return true;

  // Fallback: splice a text node at the caret and announce it like typing would.
  const range = selection.getRangeAt(0);
  range.deleteContents();
  const node = doc.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
  const InputEventCtor = doc.defaultView?.InputEvent ?? InputEvent;
  editor.dispatchEvent(new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data: text }));
  return true;
}
