// insertAtCaret against the inline reply editor of thread-en-multi (happy-dom has no execCommand: fallback path).
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { loadIntoDocument } from './gmail-fixtures';

const editor = () => document.querySelector<HTMLElement>('.aoI [role=textbox]')!;

function putCaret(node: Node, offset: number): void {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  const selection = document.getSelection()!;
  selection.removeAllRanges();
  selection.addRange(range);
}

describe('gmail insertAtCaret', () => {
  it('inserts at the caret in the middle of the draft and keeps the rest', () => {
    loadIntoDocument('thread-en-multi.html');
    const line = editor().firstElementChild!.firstChild!; // "Hi Carlos, thanks for the update."
    putCaret(line, 'Hi Carlos,'.length);
    const events: InputEvent[] = [];
    editor().addEventListener('input', (e) => events.push(e as InputEvent));

    expect(gmailAdapter.insertAtCaret(document, ' here is the quote:')).toBe(true);
    expect(editor().firstElementChild!.textContent).toBe('Hi Carlos, here is the quote: thanks for the update.');
    expect(editor().querySelector('.gmail_signature')?.textContent).toBe('Rita Rep | Acme Sales');
    expect(events.map((e) => [e.inputType, e.data])).toEqual([['insertText', ' here is the quote:']]);

    // The caret now sits after the inserted text, so a second insert continues from there.
    expect(gmailAdapter.insertAtCaret(document, ' 42')).toBe(true);
    expect(editor().firstElementChild!.textContent).toBe('Hi Carlos, here is the quote: 42 thanks for the update.');
    expect(document.activeElement).toBe(editor());
  });

  it('appends at the end of the draft when the caret is elsewhere on the page', () => {
    loadIntoDocument('thread-en-multi.html');
    const subject = document.querySelector('h2.hP[data-legacy-thread-id="1966ee3461ca5401"]')!;
    putCaret(subject.firstChild!, 3);
    expect(gmailAdapter.insertAtCaret(document, 'PS: see you Tuesday')).toBe(true);
    expect(editor().textContent).toBe('Hi Carlos, thanks for the update.Rita Rep | Acme SalesPS: see you Tuesday');
    expect(subject.textContent).toBe('Quote for  Q3 onboarding');
  });

  it('replaces a selection inside the editor', () => {
    loadIntoDocument('thread-es.html');
    const box = document.querySelector<HTMLElement>('[role=textbox]')!;
    box.innerHTML = 'Hola NOMBRE, gracias';
    const range = document.createRange();
    range.setStart(box.firstChild!, 5);
    range.setEnd(box.firstChild!, 11);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    expect(gmailAdapter.insertAtCaret(document, 'Layla')).toBe(true);
    expect(box.textContent).toBe('Hola Layla, gracias');
  });

  it('returns false when no editor is open, and never types into mail bodies', () => {
    loadIntoDocument('inbox-en.html');
    expect(gmailAdapter.insertAtCaret(document, 'x')).toBe(false);

    loadIntoDocument('thread-en-multi.html');
    editor().remove(); // what is left is the fake editor inside Ana's message body
    const fake = document.querySelector('.a3s [role=textbox]')!;
    expect(gmailAdapter.insertAtCaret(document, 'x')).toBe(false);
    expect(fake.textContent).toBe('fake editor');
  });
});
