// A template dropped in the middle of a line must not glue onto the words around it ("Hi Ana,Book a call"): read the
// characters beside the caret on the same line and add the space (or, for a multi-line template, the line break)
// a person would type.
import type { InsertSegment } from './editing';

// Elements that start a new line: what lies beyond one is not on the caret's line. Tag names, not computed style,
// so this is cheap and works the same in tests.
const BLOCKS = new Set([
  ...['DIV', 'P', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'PRE', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6'],
  ...['TABLE', 'THEAD', 'TBODY', 'TFOOT', 'TR', 'TD', 'TH', 'CAPTION'],
  ...['SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'ADDRESS', 'FIGURE', 'FIGCAPTION', 'CENTER', 'FORM', 'FIELDSET'],
]);

type Direction = -1 | 1;
const sibling = (node: Node, dir: Direction) => (dir < 0 ? node.previousSibling : node.nextSibling);

/** The character next to a caret position on the same line, or null at a line's edge (block, `<br>`, editor). */
export function charBeside(editor: Node, container: Node, offset: number, dir: Direction): string | null {
  let parent: Node;
  let node: Node | null;
  if (container.nodeType === Node.TEXT_NODE) {
    const text = (container as Text).data;
    const at = dir < 0 ? offset - 1 : offset;
    if (at >= 0 && at < text.length) return text.charAt(at);
    if (!container.parentNode) return null;
    parent = container.parentNode;
    node = sibling(container, dir);
  } else {
    parent = container;
    node = container.childNodes[dir < 0 ? offset - 1 : offset] ?? null;
  }
  for (;;) {
    if (!node) {
      // Leaving an element through its edge: a block or the editor ends the line; an inline (<b>, <span>) does not.
      if (parent === editor || BLOCKS.has(parent.nodeName) || !parent.parentNode) return null;
      node = sibling(parent, dir);
      parent = parent.parentNode;
    } else if (node.nodeType === Node.TEXT_NODE) {
      const text = (node as Text).data;
      if (text) return text.charAt(dir < 0 ? text.length - 1 : 0);
      node = sibling(node, dir);
    } else if (node.nodeName === 'BR' || BLOCKS.has(node.nodeName)) {
      return null;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      parent = node;
      node = dir < 0 ? node.lastChild : node.firstChild;
    } else {
      node = sibling(node, dir);
    }
  }
}

// After a word (accents and emoji included) or a closing mark a space is needed; before a word or an opening mark,
// too. Not before "," or ")", nor after an apostrophe ("l'", "d’").
const NEEDS_SPACE_AFTER = /[\p{L}\p{M}\p{N}\p{Extended_Pictographic}.,;:!?)\]}»"]/u;
const NEEDS_SPACE_BEFORE = /[\p{L}\p{N}\p{Extended_Pictographic}([{¿¡«]/u;

/**
 * The segments with a separator added on each side where the neighbouring text would otherwise touch them. `space`
 * is the word separator: a no-break space where the text goes in as HTML, whose edge spaces an editor may drop.
 */
export function separateFromNeighbours(segments: readonly InsertSegment[], before: string | null, after: string | null, space = ' '): InsertSegment[] {
  const text = segments.map((s) => s.text).join('');
  if (!text) return [...segments];
  const separator = /[\r\n]/.test(text) ? '\n' : space;
  const head = before !== null && NEEDS_SPACE_AFTER.test(before) && !/^\s/.test(text) ? [{ kind: 'text', text: separator } as const] : [];
  const tail = after !== null && NEEDS_SPACE_BEFORE.test(after) && !/\s$/.test(text) ? [{ kind: 'text', text: separator } as const] : [];
  return mergeText([...head, ...segments, ...tail]);
}

/** Adjacent text segments joined, so one line of plain text stays one insertText (one undo step, no markup). */
function mergeText(segments: InsertSegment[]): InsertSegment[] {
  const out: InsertSegment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (s.kind === 'text' && last?.kind === 'text') out[out.length - 1] = { kind: 'text', text: last.text + s.text };
    else out.push(s);
  }
  return out;
}
