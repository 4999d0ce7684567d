// Gmail compose windows: the recipients chosen so far as participants; the focused window wins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noteFocus } from '@/lib/sites/compose-focus';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { loadIntoDocument, parseFixture } from './gmail-fixtures';

const read = (doc: Document) => gmailAdapter.readThread(doc);
const emails = (doc: Document) => read(doc)?.participants.map((p) => p.email);

function chip(email: string, name: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('role', 'option');
  el.setAttribute('data-hovercard-id', email);
  el.setAttribute('data-name', name);
  el.textContent = name;
  return el;
}

describe('gmail compose dialogs', () => {
  beforeEach(() => loadIntoDocument('compose-en.html'));
  afterEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = '';
  });

  it('without focus the newest window is shown, with its recipients', () => {
    expect(read(document)).toMatchObject({
      site: 'gmail',
      mode: 'compose',
      threadId: 'compose:c-1002',
      subject: 'Renewal',
      messages: [],
      participants: [{ email: 'marta@otherco.es', name: 'Marta Ruiz', roles: ['to'] }],
    });
  });

  it('the focused window wins: To and Cc chips, without the user', () => {
    (document.querySelector('#compose-1 [role=textbox]') as HTMLElement).focus();
    expect(read(document)).toMatchObject({ threadId: 'compose:c-1001', subject: 'Proposal', selfEmail: 'rep@acme-sales.com' });
    expect(read(document)?.participants).toEqual([
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['to'] },
      { email: 'bob@clientco.com', name: 'Bob Brown', roles: ['to'] },
      { email: 'dana@gmail.com', name: 'Dana Lee', roles: ['cc'] },
    ]);
    (document.querySelector('#compose-2 input[name=subjectbox]') as HTMLElement).focus();
    expect(emails(document)).toEqual(['marta@otherco.es']);
  });

  it('follows chips as they are added and removed', () => {
    (document.querySelector('#compose-1 [role=combobox]') as HTMLElement).focus();
    document.querySelector('#compose-1 [name=to] [role=listbox]')?.append(chip('nuevo@clientco.com', 'Nuevo'));
    expect(emails(document)).toEqual(['ana.perez@clientco.com', 'bob@clientco.com', 'nuevo@clientco.com', 'dana@gmail.com']);
    document.querySelector('#compose-1 [data-hovercard-id="bob@clientco.com"]')?.remove();
    expect(emails(document)).toEqual(['ana.perez@clientco.com', 'nuevo@clientco.com', 'dana@gmail.com']);
  });

  it('reads chips that lost their address attributes from the address they show (Gmail markup drift)', () => {
    (document.querySelector('#compose-1 [role=textbox]') as HTMLElement).focus();
    for (const el of document.querySelectorAll('#compose-1 [data-hovercard-id]')) {
      const address = el.getAttribute('data-hovercard-id')!;
      const name = el.getAttribute('data-name')!;
      for (const attr of ['data-hovercard-id', 'data-name', 'email', 'name']) el.removeAttribute(attr);
      // One chip shows "Name <address>", the others only the address.
      el.textContent = name === 'Ana Pérez' ? `${name} <${address}>` : address;
    }
    const nameless = document.createElement('div');
    nameless.setAttribute('role', 'option');
    nameless.textContent = 'Someone without an address';
    document.querySelector('#compose-1 [name=to] [role=listbox]')?.append(nameless);
    expect(read(document)?.participants).toEqual([
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['to'] },
      { email: 'bob@clientco.com', name: '', roles: ['to'] },
      { email: 'dana@gmail.com', name: '', roles: ['cc'] },
    ]);
  });

  it('never takes the autocomplete suggestions of a recipient input for recipients', () => {
    const well = document.querySelector('#compose-2 [name=to]')!;
    for (const chip of well.querySelectorAll('[data-hovercard-id]')) chip.remove();
    // The rep is typing the first recipient: the input's suggestion list shows addresses, with no chip yet.
    well.insertAdjacentHTML(
      'beforeend',
      '<input role="combobox" aria-controls="sugg-1" aria-expanded="true"><div role="listbox" id="sugg-1"><div role="option">Ana Pérez ana.perez@clientco.com</div><div role="option">bob@clientco.com</div></div>',
    );
    (well.querySelector('input[role=combobox]') as HTMLElement).focus();
    expect(read(document)?.participants).toEqual([]);
  });

  it('inserts at the caret of the focused window only', () => {
    const editor = document.querySelector('#compose-1 [role=textbox]') as HTMLElement;
    editor.focus();
    expect(gmailAdapter.insertAtCaret(document, ' Book a demo')).toBe(true);
    expect(editor.textContent).toContain('Book a demo');
    expect(document.querySelector('#compose-2 [role=textbox]')?.textContent).toBe('Hola Marta,');
  });

  it('a closed window no longer counts', () => {
    document.getElementById('compose-2')?.remove();
    expect(read(document)?.threadId).toBe('compose:c-1001');
    document.getElementById('compose-1')?.setAttribute('style', 'display: none;');
    expect(read(document)).toBeNull();
  });
});

describe('gmail compose: pop-out window (Spanish UI, older `[email]` chips)', () => {
  it('reads To and Bcc (as cc) recipients', () => {
    expect(read(parseFixture('compose-popout-es.html'))).toMatchObject({
      mode: 'compose',
      threadId: 'compose:c-2001',
      subject: 'Propuesta',
      selfEmail: 'rep@acme-sales.com',
      participants: [
        { email: 'lucia.nunez@cliente.es', name: 'Lucía Núñez', roles: ['to'] },
        { email: 'jordi@cliente.es', name: 'Jordi', roles: ['cc'] },
      ],
    });
  });
});

describe('gmail: threads and compose windows together', () => {
  afterEach(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.body.innerHTML = '';
  });

  it('the reply box of the open thread is not a compose window', () => {
    expect(read(parseFixture('thread-en-multi.html'))?.mode).toBe('thread');
  });

  it('a compose dialog over an open thread wins only while focused', () => {
    loadIntoDocument('thread-en-multi.html');
    const dialog = parseFixture('compose-en.html').getElementById('compose-2');
    if (dialog) document.body.append(document.importNode(dialog, true));
    expect(read(document)).toMatchObject({ mode: 'thread', threadId: 'thread-f:1830412207319045121' });
    const editor = document.querySelector('#compose-2 [role=textbox]') as HTMLElement;
    editor.focus();
    expect(read(document)).toMatchObject({ mode: 'compose', threadId: 'compose:c-1002' });
    editor.blur();
    expect(read(document)?.mode).toBe('thread');
  });

  it('a compose window outside the compose host is found once the rep types in it', () => {
    loadIntoDocument('compose-en.html');
    const host = document.querySelector('div.dw');
    const outside = document.getElementById('compose-1');
    if (!host || !outside) throw new Error('fixture changed');
    document.body.append(outside); // as if Gmail had moved it to a full-screen layer
    expect(read(document)).toMatchObject({ threadId: 'compose:c-1002' });
    (outside.querySelector('[role=textbox]') as HTMLElement).focus();
    expect(read(document)).toMatchObject({ threadId: 'compose:c-1001' });
    expect(host.contains(outside)).toBe(false);
  });
});


describe('gmail: CTA insertion after the rep clicked the sidebar', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('goes to the compose window focused before the sidebar, not the newest one', () => {
    loadIntoDocument('compose-en.html');
    const first = document.querySelector('#compose-1 [role=textbox]') as HTMLElement;
    first.focus();
    noteFocus(document, first);
    const host = document.createElement('ficha-sidebar');
    host.tabIndex = 0;
    document.body.append(host);
    host.focus();
    noteFocus(document, host);
    expect(gmailAdapter.insertAtCaret(document, ' Book a demo')).toBe(true);
    expect(first.textContent).toContain('Book a demo');
    expect(document.querySelector('#compose-2 [role=textbox]')?.textContent).toBe('Hola Marta,');
  });
});
