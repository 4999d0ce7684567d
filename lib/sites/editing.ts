// Typing into a webmail's rich-text editor the way a person would: through the browser's editing commands, so the
// webmail sees input events (and saves the draft) and the editor's own undo stack holds the insertion as one step.
import type { Segment } from '@/lib/domain/template';
import { charBeside, separateFromNeighbours } from './insert-spacing';

/** What can be inserted: text, and http(s) links (anything else arrives here as text). */
export type InsertSegment = Extract<Segment, { kind: 'text' } | { kind: 'link' }>;
export type InsertContent = string | readonly InsertSegment[];

interface SavedCaret {
  editor: HTMLElement;
  range: Range;
}

const carets = new WeakMap<Document, SavedCaret>();

/**
 * Remembers the last caret inside an editor, so an insert clicked in the sidebar (focus moved there) lands where the
 * rep was typing. `editorOf` names the editor containing a node, or null.
 */
export function trackCaret(doc: Document, editorOf: (node: Node) => HTMLElement | null, signal: AbortSignal): void {
  const onSelection = () => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const editor = editorOf(range.commonAncestorContainer);
    if (editor) carets.set(doc, { editor, range: range.cloneRange() });
  };
  doc.addEventListener('selectionchange', onSelection, { signal });
}

function isHttp(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const segmentsOf = (content: InsertContent): InsertSegment[] =>
  typeof content === 'string' ? [{ kind: 'text', text: content }] : content.map((s) => (s.kind === 'link' && !isHttp(s.href) ? { kind: 'text', text: s.text } : s));

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Markup for insertHTML, built only from escaped text and checked http(s) hrefs. */
export function segmentsHtml(segments: readonly InsertSegment[]): string {
  const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');
  return segments.map((s) => (s.kind === 'link' ? `<a href="${escapeHtml(s.href)}">${lines(s.text)}</a>` : lines(s.text))).join('');
}

/** Where the insert goes: a caret already in this editor, else where the rep last had it there, else the end. */
function targetRange(doc: Document, editor: HTMLElement): Range {
  const selection = doc.getSelection();
  const current = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  if (current && editor.contains(current.commonAncestorContainer)) return current.cloneRange();
  const saved = carets.get(doc);
  if (saved?.editor === editor && editor.contains(saved.range.commonAncestorContainer)) return saved.range.cloneRange();
  const end = doc.createRange();
  end.selectNodeContents(editor);
  end.collapse(false);
  return end;
}

/** Read before focusing: focus() on a contenteditable may move the caret to its start. */
function placeCaret(doc: Document, editor: HTMLElement): Selection | null {
  const range = targetRange(doc, editor);
  editor.focus();
  const selection = doc.getSelection();
  if (!selection) return null;
  selection.removeAllRanges();
  selection.addRange(range);
  return selection;
}

function exec(doc: Document, command: 'insertText' | 'insertHTML', value: string): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand(command, false, value);
  } catch {
    return false;
  }
}

/** Last resort when editing commands are unavailable: DOM nodes at the caret, announced as an input event. */
function spliceNodes(doc: Document, editor: HTMLElement, selection: Selection, segments: readonly InsertSegment[]): void {
  const fragment = doc.createDocumentFragment();
  for (const s of segments) {
    const parts = s.text.split(/\r?\n/);
    const target = s.kind === 'link' ? Object.assign(doc.createElement('a'), { href: s.href }) : fragment;
    parts.forEach((part, i) => {
      if (i > 0) target.appendChild(doc.createElement('br'));
      if (part) target.appendChild(doc.createTextNode(part));
    });
    if (target !== fragment) fragment.appendChild(target);
  }
  const last = fragment.lastChild;
  const range = selection.getRangeAt(0);
  range.deleteContents();
  range.insertNode(fragment);
  if (last) range.setStartAfter(last);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
  const InputEventCtor = doc.defaultView?.InputEvent ?? InputEvent;
  editor.dispatchEvent(new InputEventCtor('input', { bubbles: true, inputType: 'insertText', data: segments.map((s) => s.text).join('') }));
}

/** Inserts at the caret of `editor`; the caret ends after the inserted text. */
export function insertIntoEditor(doc: Document, editor: HTMLElement, content: InsertContent): boolean {
  const selection = placeCaret(doc, editor);
  if (!selection) return false;
  const typed = segmentsOf(content).filter((s) => s.text.length > 0);
  if (typed.length === 0) return true; // nothing to type: the rep is just sent back to where they were
  // One line of plain text is typed; links and line breaks need markup (escaped, see segmentsHtml). Both are one undo step.
  const plain = typed.every((s) => s.kind === 'text') && !typed.some((s) => /[\r\n]/.test(s.text));
  const range = selection.getRangeAt(0);
  const before = charBeside(editor, range.startContainer, range.startOffset, -1);
  const after = charBeside(editor, range.endContainer, range.endOffset, 1);
  const segments = separateFromNeighbours(typed, before, after, plain ? ' ' : '\u00a0');
  const text = segments.map((s) => s.text).join('');
  const ok = plain ? exec(doc, 'insertText', text) : exec(doc, 'insertHTML', segmentsHtml(segments));
  if (!ok) spliceNodes(doc, editor, selection, segments);
  return true;
}

/**
 * A new email's subject from the template, only when the compose window the editor sits in has an empty subject
 * field (a reply's subject, or one the rep typed, is never replaced). The compose window is the largest ancestor
 * holding this editor and no other.
 */
export function fillEmptySubject(editor: HTMLElement, subjectSelectors: readonly string[], editorSelector: string, subject: string): boolean {
  if (!subject.trim()) return false;
  let input: HTMLInputElement | null = null;
  for (let node = editor.parentElement; node && node.querySelectorAll(editorSelector).length <= 1; node = node.parentElement) {
    input = node.querySelector<HTMLInputElement>(subjectSelectors.join(','));
    if (input) break;
  }
  if (!input || input.value.trim()) return false;
  // The native setter, so the webmail's own input handling (and draft saving) sees the change as typing.
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, subject);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}
