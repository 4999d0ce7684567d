// A template inserted mid-line gets the space (or line break) a person would type, and nothing where none is needed.
import { beforeEach, describe, expect, it } from 'vitest';
import { insertIntoEditor } from '@/lib/sites/editing';
import { charBeside, separateFromNeighbours } from '@/lib/sites/insert-spacing';

let editor: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = '<div contenteditable="true" role="textbox"></div>';
  editor = document.querySelector<HTMLElement>('[role=textbox]')!;
});

function caretAt(node: Node, offset: number): void {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

describe('charBeside', () => {
  it('reads across inline elements but stops at line breaks and blocks', () => {
    editor.innerHTML = 'Hi <b>Ana</b><span></span>|<br>next<div>block</div>';
    const bar = editor.childNodes[3]!; // the text "|"
    expect(charBeside(editor, bar, 0, -1)).toBe('a');
    expect(charBeside(editor, bar, 1, 1)).toBeNull(); // <br>
    const next = editor.childNodes[5]!;
    expect(charBeside(editor, next, 0, -1)).toBeNull(); // start of the line after <br>
    expect(charBeside(editor, next, 4, 1)).toBeNull(); // a block follows
    expect(charBeside(editor, editor, 0, -1)).toBeNull(); // the editor's start
  });

  it('stops at any block element (a pasted <section>, a table cell), not only <div> and <p>', () => {
    editor.innerHTML = '<section>quoted</section>next';
    expect(charBeside(editor, editor.lastChild!, 0, -1)).toBeNull();
    editor.innerHTML = '<table><tbody><tr><td>a</td><td>b</td></tr></tbody></table>';
    const b = editor.querySelectorAll('td')[1]!.firstChild!;
    expect(charBeside(editor, b, 0, -1)).toBeNull();
  });

  it('treats the start of a block line as a line edge', () => {
    editor.innerHTML = '<div>first</div><div>second</div>';
    const second = editor.childNodes[1]!.firstChild!;
    expect(charBeside(editor, second, 0, -1)).toBeNull();
    expect(charBeside(editor, second, 3, -1)).toBe('c');
    expect(charBeside(editor, second, 3, 1)).toBe('o');
  });
});

describe('separateFromNeighbours', () => {
  const text = (t: string) => [{ kind: 'text', text: t } as const];
  it('adds a space after a word or punctuation and before a word, never before a comma', () => {
    expect(separateFromNeighbours(text('Book a call'), ',', 'T')).toEqual(text(' Book a call '));
    expect(separateFromNeighbours(text('Book a call'), 'i', ',')).toEqual(text(' Book a call'));
    expect(separateFromNeighbours(text('Book a call'), ' ', ' ')).toEqual(text('Book a call'));
    expect(separateFromNeighbours(text('Book a call'), null, null)).toEqual(text('Book a call'));
    expect(separateFromNeighbours(text(' already spaced '), 'a', 'b')).toEqual(text(' already spaced '));
  });

  it('reads accents, emoji and apostrophes as a person would', () => {
    expect(separateFromNeighbours(text('x'), '\u0301', null)).toEqual(text(' x')); // "é" typed as e + accent
    expect(separateFromNeighbours(text('x'), '🙂', '🙂')).toEqual(text(' x '));
    expect(separateFromNeighbours(text('x'), "'", null)).toEqual(text('x')); // l'|
    expect(separateFromNeighbours(text('x'), '’', null)).toEqual(text('x'));
    expect(separateFromNeighbours(text('x'), '"', null)).toEqual(text(' x')); // after a closing quote
  });

  it('uses the separator it is given (a no-break space where the insert goes in as HTML)', () => {
    const link = { kind: 'link', text: 'book a call', href: 'https://cal.example/ana' } as const;
    expect(separateFromNeighbours([link], 'a', 'b', '\u00a0')).toEqual([{ kind: 'text', text: '\u00a0' }, link, { kind: 'text', text: '\u00a0' }]);
  });

  it('puts a multi-line template on its own lines, and keeps links as links', () => {
    const link = { kind: 'link', text: 'book', href: 'https://cal.example/ana' } as const;
    expect(separateFromNeighbours([{ kind: 'text', text: 'Line 1\nLine 2: ' }, link], '.', 'W')).toEqual([
      { kind: 'text', text: '\nLine 1\nLine 2: ' },
      link,
      { kind: 'text', text: '\n' },
    ]);
  });
});

describe('insertIntoEditor mid-line', () => {
  it('does not glue a template onto the words around the caret', () => {
    editor.innerHTML = 'Hi Ana,thanks!';
    caretAt(editor.firstChild!, 'Hi Ana,'.length);
    expect(insertIntoEditor(document, editor, 'Book a call')).toBe(true);
    expect(editor.textContent).toBe('Hi Ana, Book a call thanks!');
  });

  it('adds nothing at the start of an empty line or at the end of a sentence followed by a space', () => {
    editor.innerHTML = 'Hi Ana,<br>';
    caretAt(editor, 2);
    insertIntoEditor(document, editor, 'Book a call');
    expect(editor.innerHTML).toBe('Hi Ana,<br>Book a call');

    editor.innerHTML = 'Thanks. See you';
    caretAt(editor.firstChild!, 'Thanks.'.length);
    insertIntoEditor(document, editor, 'Book a call.');
    expect(editor.textContent).toBe('Thanks. Book a call. See you');
  });
});
