// Types text into a contenteditable editor the way the user would, so the webmail's own draft logic sees it.

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

/** execCommand is deprecated but still the only way to insert with native undo and the editor's input handling. */
function execInsert(doc: Document, text: string): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

export function typeInto(doc: Document, editor: HTMLElement, text: string): boolean {
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
