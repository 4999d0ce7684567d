// Outlook compose forms: recipients so far as participants, the focused form wins, CTA text goes to the caret.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteFocus } from '@/lib/sites/compose-focus';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { composeRoots, EDITABLE, editors } from '@/lib/sites/outlook/compose';
import { outlookSelectors } from '@/lib/sites/outlook/selectors';
import { loadOutlookIntoDocument, parseOutlook } from './outlook-fixtures';

const read = (doc: Document) => outlookAdapter.readThread(doc);
const emails = (doc: Document) => read(doc)?.participants.map((p) => p.email);

function pill(email: string, name: string): HTMLElement {
  const el = document.createElement('span');
  el.setAttribute('data-lpc-hover-target-id', `lpc-react-target-${email}`);
  el.setAttribute('role', 'button');
  el.title = email;
  el.textContent = name;
  return el;
}

describe('outlook compose: pop-out window (/mail/deeplink/compose)', () => {
  it('lists To and Cc recipients chosen so far, without the user and name-only colleagues', () => {
    const thread = read(parseOutlook('compose-popout-en.html'));
    expect(thread).toMatchObject({
      site: 'outlook',
      mode: 'compose',
      threadId: 'compose:AAMkADraft-popout',
      subject: 'Proposal follow-up',
      messages: [],
      messageIds: [],
      selfEmail: 'rep@acme-sales.com',
    });
    expect(thread?.participants).toEqual([
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['to'] },
      { email: 'marta@otherco.es', name: '', roles: ['to'] },
      { email: 'bob@clientco.com', name: 'Bob Brown', roles: ['cc'] },
    ]);
  });

  it('an empty compose form is still a compose context, with nobody yet', () => {
    const doc = parseOutlook('compose-popout-en.html');
    doc.querySelectorAll('[data-lpc-hover-target-id]').forEach((el) => el.remove());
    expect(read(doc)).toMatchObject({ mode: 'compose', participants: [] });
  });
});

describe('outlook compose: live updates and several forms (Spanish UI)', () => {
  beforeEach(() => loadOutlookIntoDocument('compose-es.html'));
  afterEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = '';
  });

  it('without focus the newest form is shown; focus picks the form', () => {
    expect(read(document)).toMatchObject({ threadId: 'compose:AAMkADraft-es-2', participants: [{ email: 'pedro.gil@otro.es' }] });

    (document.querySelector('#compose-main [aria-multiline=true]') as HTMLElement).focus();
    expect(read(document)?.threadId).toBe('compose:AAMkADraft-es-1');
    expect(emails(document)).toEqual(['lucia.nunez@cliente.es', 'jordi@cliente.es']);
    expect(read(document)?.participants[1]?.roles).toEqual(['cc']);

    (document.querySelector('#docking_InitVisiblePart_1 [aria-label=Para]') as HTMLElement).focus();
    expect(emails(document)).toEqual(['pedro.gil@otro.es']);
  });

  it('keeps the last focused form while focus is in the sidebar', () => {
    (document.querySelector('#compose-main [aria-label=Para]') as HTMLElement).focus();
    noteFocus(document, document.activeElement);
    const host = document.createElement('ficha-sidebar');
    host.tabIndex = 0;
    document.body.append(host);
    host.focus();
    noteFocus(document, host);
    expect(read(document)?.threadId).toBe('compose:AAMkADraft-es-1');
  });

  it('follows recipients as they are added and removed', () => {
    const well = document.querySelector('#compose-main [aria-label=Para]') as HTMLElement;
    well.focus();
    well.append(pill('nuevo@cliente.es', 'Nuevo Contacto'));
    expect(emails(document)).toEqual(['lucia.nunez@cliente.es', 'nuevo@cliente.es', 'jordi@cliente.es']);
    well.querySelector('[title="lucia.nunez@cliente.es"]')?.remove();
    expect(emails(document)).toEqual(['nuevo@cliente.es', 'jordi@cliente.es']);
  });

  it('inserts CTA text at the caret of the focused form, not the other one', () => {
    const editor = document.querySelector('#compose-main [aria-multiline=true]') as HTMLElement;
    editor.focus();
    expect(outlookAdapter.insertAtCaret(document, ' Book a demo: https://acme.example/demo')).toBe(true);
    expect(editor.textContent).toContain('Book a demo: https://acme.example/demo');
    expect(document.querySelector('#docking_InitVisiblePart_1 [aria-multiline=true]')?.textContent).toBe('Hola Pedro,');
  });
});

describe('outlook: inline reply and editors', () => {
  afterEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = '';
  });

  it('an inline reply belongs to the conversation, even focused', () => {
    loadOutlookIntoDocument('thread-en-multi.html');
    (document.querySelector('#inline-reply [aria-multiline=true]') as HTMLElement).focus();
    expect(read(document)).toMatchObject({ mode: 'thread', threadId: 'AAQkADQ3OTg1-conv-q3' });
  });

  it('inserts into the reply editor, never into a fake editor inside a message body', () => {
    loadOutlookIntoDocument('thread-en-multi.html');
    expect(outlookAdapter.insertAtCaret(document, 'See you Tuesday.')).toBe(true);
    expect(document.querySelector('#inline-reply [aria-multiline=true]')?.textContent).toContain('See you Tuesday.');
    expect(document.querySelector('#UniqueMessageBody_4 [contenteditable]')?.textContent).toBe('fake editor');
  });

  it('returns false when no editor is open', () => {
    loadOutlookIntoDocument('thread-de.html');
    expect(outlookAdapter.insertAtCaret(document, 'x')).toBe(false);
  });
});

describe('outlook: opening a reply for a CTA when no editor is open', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('clicks the newest message toolbar Reply (found by its icon, not its localised label)', () => {
    loadOutlookIntoDocument('thread-de.html');
    let clicked = '';
    document.addEventListener('click', (e) => (clicked = (e.target as Element).getAttribute('aria-label') ?? ''), { once: true });
    expect(outlookAdapter.openReply?.(document)).toBe(true);
    expect(clicked).toBe('Antworten');
  });

  it('inserts text and links into the editor', () => {
    loadOutlookIntoDocument('compose-popout-en.html');
    expect(outlookAdapter.insertAtCaret(document, [{ kind: 'text', text: 'Book: ' }, { kind: 'link', text: 'demo', href: 'https://acme.example/demo' }])).toBe(true);
    expect(document.querySelector('[aria-multiline=true]')?.textContent).toContain('Book: demo');
  });

  it('returns false when there is nothing to reply to', () => {
    loadOutlookIntoDocument('compose-popout-en.html');
    expect(outlookAdapter.openReply?.(document)).toBe(false);
  });
});

describe('outlook compose: addresses typed as plain text', () => {
  afterEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = '';
  });

  it('count once closed by a separator while the rep types, all of them once the line is left', () => {
    loadOutlookIntoDocument('compose-popout-en.html');
    const well = document.querySelector('[aria-label=Cc]') as HTMLElement;
    well.replaceChildren('x@first.example; y@second.exam');
    well.focus();
    expect(read(document)?.participants.filter((p) => p.roles.includes('cc')).map((p) => p.email)).toEqual(['x@first.example']);
    well.blur();
    expect(read(document)?.participants.filter((p) => p.roles.includes('cc')).map((p) => p.email)).toEqual(['x@first.example', 'y@second.exam']);
  });

  it('a line whose first name starts with "Cc" is not taken for the Cc line', () => {
    loadOutlookIntoDocument('compose-popout-en.html');
    const wells = document.querySelectorAll('[contenteditable=true]:not([aria-multiline=true])');
    wells.forEach((w) => w.removeAttribute('aria-label'));
    wells[0]?.replaceChildren('Ccilia <ccilia@client.example>;');
    expect(read(document)?.participants[0]).toMatchObject({ email: 'ccilia@client.example', roles: ['to'] });
  });
});

describe('outlook: a reply editor without recipient lines next to a docked draft', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('is not merged with the docked draft into one big "compose form"', () => {
    loadOutlookIntoDocument('thread-en-multi.html');
    // The inline reply before it is expanded: an editor, no editable recipient line.
    document.querySelector('#inline-reply .fui-Input')?.remove();
    const docked = parseOutlook('compose-es.html').getElementById('docking_InitVisiblePart_1');
    if (docked) document.getElementById('appRoot')?.append(document.importNode(docked, true));
    expect(composeRoots(document).map((root) => root.id)).toEqual(['docking_InitVisiblePart_1']);
    expect(read(document)).toMatchObject({ mode: 'thread', threadId: 'AAQkADQ3OTg1-conv-q3' });
    (document.querySelector('#docking_InitVisiblePart_1 [aria-multiline=true]') as HTMLElement).focus();
    expect(read(document)).toMatchObject({ mode: 'compose', participants: [{ email: 'pedro.gil@otro.es' }] });
    (document.activeElement as HTMLElement).blur();
  });
});

describe('outlook compose: finding editors', () => {
  it('every editor selector requires what the quick check looks for, so the check never hides an editor', () => {
    for (const selector of outlookSelectors.editor) expect(selector).toContain(EDITABLE);
  });

  it('finds the editors of a compose page and of an inline reply, and none on a reading page without one', () => {
    expect(editors(parseOutlook('compose-popout-en.html')).length).toBeGreaterThan(0);
    expect(editors(parseOutlook('thread-en-multi.html')).length).toBeGreaterThan(0);
    expect(editors(parseOutlook('thread-de.html'))).toEqual([]);
  });
});

