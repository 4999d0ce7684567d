// Outlook readThread against the hand-written fixtures (tests/fixtures/outlook/README.md).
import { describe, expect, it } from 'vitest';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { loadOutlookIntoDocument, parseOutlook } from './outlook-fixtures';

const read = (doc: Document) => outlookAdapter.readThread(doc);

describe('outlook readThread: English conversation, two collapsed and two expanded messages', () => {
  it('lists external participants once, the last external sender first, without the user', () => {
    expect(read(parseOutlook('thread-en-multi.html'))?.participants).toEqual([
      { email: 'carlos@clientco.com', name: 'Carlos Díaz', roles: ['from'] },
      // Collapsed and "To" sightings show only "Ana Pérez": resolved through her sender line.
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['from', 'to'] },
      // Name-only in message 3, address in a pill's title in message 4.
      { email: 'bob@clientco.com', name: 'Bob Brown', roles: ['cc'] },
      { email: 'dana@gmail.com', name: '', roles: ['cc'] },
    ]);
  });

  it('reads the conversation id, subject, message ids, dates and the user', () => {
    const thread = read(parseOutlook('thread-en-multi.html'));
    expect(thread).toMatchObject({
      site: 'outlook',
      mode: 'thread',
      threadId: 'AAQkADQ3OTg1-conv-q3',
      subject: 'Quote for Q3 onboarding',
      // Collapsed cards carry no item id.
      messageIds: ['AAMkAGI2-msg-3', 'AAMkAGI2-msg-4'],
      selfEmail: 'rep@acme-sales.com',
    });
    expect(thread?.messages).toHaveLength(4);
    expect(thread?.messages.map((m) => m.from)).toEqual(['ana.perez@clientco.com', null, 'ana.perez@clientco.com', 'carlos@clientco.com']);
    expect(thread?.messages[3]).toMatchObject({ to: ['ana.perez@clientco.com', 'bob@clientco.com'] });
    expect(thread?.messages[3]?.sentAt).toBe(new Date(2026, 10, 23, 10, 4).getTime());
    // "Mon 11/23" has no year: no date rather than a guess.
    expect(thread?.messages[0]?.sentAt).toBeNull();
  });

  it('ignores bodies, the message list, the folder tree and the inline reply', () => {
    const json = JSON.stringify(read(parseOutlook('thread-en-multi.html')));
    expect(json).not.toMatch(/attacker|evil|deadbeef|Fake|666|newsletter@|newcomer@/);
  });

  it('falls back to the selected list row, then the URL, for the conversation id', () => {
    const doc = parseOutlook('thread-en-multi.html');
    doc.querySelector('[id^=CONV_]')?.removeAttribute('id');
    expect(read(doc)?.threadId).toBe('AAQkADQ3OTg1-conv-q3');
  });

  it('puts the last external sender first when the user wrote last', () => {
    const doc = parseOutlook('thread-en-multi.html');
    doc.getElementById('MSG_AAMkAGI2-msg-4_FROM')?.closest('[aria-expanded=true]')?.remove();
    expect(read(doc)?.participants.map((p) => p.email)).toEqual(['ana.perez@clientco.com', 'dana@gmail.com']);
  });

  it('drops a name that no message shows with an address (never guessed)', () => {
    const doc = parseOutlook('thread-en-multi.html');
    doc.querySelector('[title="bob@clientco.com"]')?.removeAttribute('title');
    expect(read(doc)?.participants.map((p) => p.email)).not.toContain('bob@clientco.com');
  });
});

describe('outlook readThread: German UI, one expanded message (O1 structure, no item ids)', () => {
  it('reads sender, To and Cc by structure and labels, and excludes the user', () => {
    const thread = read(parseOutlook('thread-de.html'));
    expect(thread?.participants).toEqual([
      { email: 'j.gross@kunde.de', name: 'Jürgen Groß', roles: ['from'] },
      { email: 'oezlem.sahin@kunde.de', name: 'Özlem Şahin', roles: ['to'] },
      { email: 'sabine.koch@kunde.de', name: '', roles: ['cc'] },
    ]);
    expect(thread).toMatchObject({
      threadId: 'AAQkAGE1-angebot',
      subject: 'Angebot für Q3 – Rückfrage',
      messageIds: [],
      selfEmail: 'rep@acme-sales.com',
    });
    // "Mo 23.11.2026 10:04" is not a format Date.parse knows: null, never a guess.
    expect(thread?.messages[0]?.sentAt).toBeNull();
  });

  it('tells To from Cc by position when the labels are unknown', () => {
    const doc = parseOutlook('thread-de.html');
    doc.querySelectorAll('[data-testid=RecipientWell]').forEach((well) => well.setAttribute('aria-label', '???'));
    doc.querySelectorAll('[data-testid=RecipientWell]').forEach((well) => well.firstChild?.remove());
    expect(read(doc)?.participants.map((p) => p.roles)).toEqual([['from'], ['to'], ['cc']]);
  });
});

describe('outlook readThread: no conversation', () => {
  it('returns null on the message list with the reading pane off', () => {
    expect(read(parseOutlook('inbox-en.html'))).toBeNull();
  });

  it('returns null on an empty document', () => {
    expect(read(new DOMParser().parseFromString('<html><body></body></html>', 'text/html'))).toBeNull();
  });
});

describe('outlook layouts', () => {
  it('reading pane off, message opened in full view: no list, the id from the URL', () => {
    loadOutlookIntoDocument('thread-en-multi.html');
    document.querySelector('[role=complementary]')?.remove();
    document.querySelector('[id^=CONV_]')?.removeAttribute('id');
    history.pushState(null, '', '/mail/inbox/id/AAQkAD%2Bfull%3D');
    const thread = read(document);
    expect(thread?.threadId).toBe('AAQkAD+full=');
    expect(thread?.participants.map((p) => p.email)).toEqual(['carlos@clientco.com', 'ana.perez@clientco.com', 'bob@clientco.com', 'dana@gmail.com']);
    document.body.innerHTML = '';
  });

  it('reading pane at the bottom: the same landmarks in another order read the same', () => {
    const doc = parseOutlook('thread-en-multi.html');
    const main = doc.querySelector('[role=main]');
    if (main) doc.getElementById('appRoot')?.prepend(main);
    expect(read(doc)?.participants).toEqual(read(parseOutlook('thread-en-multi.html'))?.participants);
  });
});

describe('outlook name-only people (address-book contacts: never given a guessed address)', () => {
  it('are listed apart, without the user (account manager name)', () => {
    expect(read(parseOutlook('thread-en-multi.html'))?.nameOnly).toEqual([]);
    const doc = parseOutlook('thread-en-multi.html');
    doc.querySelector('[title="bob@clientco.com"]')?.removeAttribute('title');
    expect(read(doc)?.nameOnly).toEqual([{ name: 'Bob Brown', roles: ['cc'] }]);
  });

  it('in compose forms too', () => {
    expect(read(parseOutlook('compose-popout-en.html'))?.nameOnly).toEqual([{ name: 'Colleague Only', roles: ['to'] }]);
  });
});

describe('outlook readBody (for the optional body copy on log)', () => {
  it('returns the text of that message only, no markup', () => {
    const doc = parseOutlook('thread-en-multi.html');
    expect(outlookAdapter.readBody?.(doc, 'AAMkAGI2-msg-3')?.trim()).toBe('Hi Rita, following up on the quote. Best, Ana');
    expect(outlookAdapter.readBody?.(doc, 'AAMkAGI2-msg-4')).toContain('Quote attached.');
    expect(outlookAdapter.readBody?.(doc, 'AAMkAGI2-msg-4')).not.toMatch(/<\/?(p|div|span)\b/);
    expect(outlookAdapter.readBody?.(doc, 'nope')).toBeNull();
  });
});
