// readThread against the hand-written current-Gmail fixtures (tests/fixtures/gmail/README.md).
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { MAX_PARTICIPANTS } from '@/lib/sites/gmail/participants';
import { MAX_SUBJECT_LENGTH } from '@/lib/sites/gmail/thread';
import { parseFixture, parseHtml } from './gmail-fixtures';

const read = (doc: Document) => gmailAdapter.readThread(doc);
const emails = (doc: Document) => read(doc)?.participants.map((p) => p.email);

describe('gmail readThread: English multi-message thread', () => {
  it('returns participants in order with merged roles, longest names and without the user', () => {
    expect(read(parseFixture('thread-en-multi.html'))?.participants).toEqual([
      { email: 'carlos@clientco.com', name: 'Carlos Díaz', roles: ['from'] },
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez García', roles: ['from', 'to'] },
      { email: 'bob@clientco.com', name: 'Bob Brown', roles: ['cc'] },
      { email: 'dana@gmail.com', name: 'Dana', roles: ['cc'] },
    ]);
  });

  it('reads subject, ids and the user', () => {
    const thread = read(parseFixture('thread-en-multi.html'));
    expect(thread).toMatchObject({
      site: 'gmail',
      subject: 'Quote for Q3 onboarding',
      threadId: 'thread-f:1830412207319045121',
      // The collapsed message (the user's) carries no id in Gmail's DOM.
      messageIds: ['1966ee3461ca5401', '19671b59b91c8002'],
      selfEmail: 'rep@acme-sales.com',
    });
  });

  it('ignores addresses, ids, subjects and rows inside message bodies', () => {
    const thread = read(parseFixture('thread-en-multi.html'));
    expect(JSON.stringify(thread)).not.toMatch(/attacker|deadbeef|Fake|thread-f:666/);
  });

  it('ignores views the SPA has hidden (inbox list, an earlier thread)', () => {
    const found = emails(parseFixture('thread-en-multi.html'));
    for (const hidden of ['priya@partner.example', 'newsletter@vendor.example']) expect(found).not.toContain(hidden);
    expect(read(parseFixture('thread-en-multi.html'))?.messageIds).not.toContain('19457dda17fc8004');
  });

  it('puts the last external sender first even when the user wrote last', () => {
    const doc = parseFixture('thread-en-multi.html');
    // Remove Carlos's message: the user's collapsed reply is now the last message.
    doc.querySelector('[data-legacy-message-id="19671b59b91c8002"]')?.closest('[role=listitem]')?.remove();
    expect(emails(doc)).toEqual(['ana.perez@clientco.com', 'bob@clientco.com']);
  });

  it('falls back to "to" for every header chip when the details popup is absent', () => {
    const doc = parseFixture('thread-en-multi.html');
    doc.querySelectorAll('.ajA').forEach((popup) => popup.remove());
    expect(read(doc)?.participants).toEqual([
      { email: 'carlos@clientco.com', name: 'Carlos Díaz', roles: ['from'] },
      { email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['from', 'to'] },
      { email: 'bob@clientco.com', name: 'Bob', roles: ['to'] },
      { email: 'dana@gmail.com', name: 'Dana', roles: ['to'] },
    ]);
  });

  it('takes the user from the title when the account button is missing, and keeps them when unknown', () => {
    const doc = parseFixture('thread-en-multi.html');
    doc.querySelector('[role=banner]')?.remove();
    expect(read(doc)?.selfEmail).toBe('rep@acme-sales.com');
    doc.title = 'Gmail';
    expect(read(doc)?.selfEmail).toBeNull();
    expect(emails(doc)).toContain('rep@acme-sales.com');
  });
});

describe('gmail readThread: Spanish UI', () => {
  it('finds the user from "Cuenta de Google" alone and keeps RTL/emoji names verbatim', () => {
    const doc = parseFixture('thread-es.html');
    doc.title = 'Propuesta 2026';
    const thread = read(doc);
    expect(thread?.selfEmail).toBe('rita@ventas.es');
    expect(thread?.subject).toBe('Propuesta 2026 — ¿reunión el martes?');
    expect(thread?.participants).toEqual([
      { email: 'layla@cliente.example.es', name: 'ليلى الفاسي \u200f🌟 Núñez', roles: ['from'] },
      { email: 'pablo@cliente.example.es', name: 'Pablo Gómez', roles: ['cc'] },
    ]);
  });
});

describe('gmail readThread: hostile values', () => {
  const thread = () => read(parseFixture('thread-hostile.html'));

  it('returns hostile names and subjects as the same plain strings', () => {
    expect(thread()?.participants[0]).toEqual({
      email: 'billing@phish.example',
      name: '<img src=x onerror=alert(1)>',
      roles: ['from'],
    });
    expect(thread()?.subject).toBe('<script>alert("subject")</script> Invoice overdue');
    expect(thread()?.threadId).toBe('19671b59b91c8fff');
  });

  it('caps a huge subject at the logging limit', () => {
    const doc = parseFixture('thread-hostile.html');
    const subject = doc.querySelector('h2.hP');
    subject!.textContent = 'Invoice '.repeat(500);
    const read = gmailAdapter.readThread(doc)?.subject ?? '';
    expect(read.length).toBeLessThanOrEqual(MAX_SUBJECT_LENGTH);
    expect(read.startsWith('Invoice Invoice')).toBe(true);
  });

  it('skips malformed addresses, normalises the rest and cleans names', () => {
    const people = thread()?.participants ?? [];
    expect(people.map((p) => p.email)).toEqual([
      'billing@phish.example',
      'valid.person@example.com',
      'spaced@example.com',
      'long@example.com',
    ]);
    expect(people[1]?.name).toBe('Valid Person (text only)');
    expect(people[2]?.name).toBe('Spaced Out Name');
    expect(people[3]?.name).toBe('L'.repeat(200));
  });

  function manyRecipients(count: number): Document {
    const chips = Array.from({ length: count }, (_, i) => {
      const email = i % 2 ? `Person${i}@Example.com` : `person${i}@example.com`;
      // Every chip twice, differently cased: de-duplication must fold them.
      return `<span class="g2" email="${email}" name="P ${i}">P</span>, <span class="g2" email="${email.toUpperCase()}" name="Person ${i}">P</span>`;
    }).join(', ');
    return parseHtml(`<title>Inbox - rep@acme-sales.com - Gmail</title>
      <div class="adn ads" data-message-id="#msg-f:1" data-legacy-message-id="1">
        <h3 class="iw"><span class="gD" email="boss@example.com" name="Boss">Boss</span></h3>
        <table><tbody><tr><td class="ady"><span class="hb">to <span class="g2" email="rep@acme-sales.com" name="me">me</span>, ${chips}</span></td></tr></tbody></table>
      </div>`);
  }

  it('returns 200 distinct recipients once each', () => {
    const people = read(manyRecipients(200))?.participants ?? [];
    expect(people).toHaveLength(201);
    expect(new Set(people.map((p) => p.email)).size).toBe(201);
    expect(people[0]?.email).toBe('boss@example.com');
    expect(people[200]).toEqual({ email: 'person199@example.com', name: 'Person 199', roles: ['to'] });
  });

  it(`caps the list at ${MAX_PARTICIPANTS}, keeping the sender first`, () => {
    const people = read(manyRecipients(700))?.participants ?? [];
    expect(people).toHaveLength(MAX_PARTICIPANTS);
    expect(people[0]?.email).toBe('boss@example.com');
  });
});

describe('gmail readThread: no open thread', () => {
  it('returns null for the inbox list', () => {
    expect(read(parseFixture('inbox-en.html'))).toBeNull();
  });

  it('returns null while the thread view has a subject but no message yet, then reads it once rendered', () => {
    const doc = parseFixture('half-rendered.html');
    expect(read(doc)).toBeNull();
    doc.querySelector('[role=list]')!.innerHTML = `<div class="h7" role="listitem" aria-expanded="true">
      <div class="adn ads" data-message-id="#msg-f:1830412207319045121" data-legacy-message-id="1966ee3461ca5401">
        <h3 class="iw"><span class="gD" email="ana.perez@clientco.com" name="Ana Pérez">Ana Pérez</span></h3></div></div>`;
    expect(read(doc)).toMatchObject({
      subject: 'Quote for Q3 onboarding',
      threadId: 'thread-f:1830412207319045121',
      selfEmail: 'rep@acme-sales.com',
      participants: [{ email: 'ana.perez@clientco.com', name: 'Ana Pérez', roles: ['from'] }],
    });
  });

  it('returns null when the only thread view is hidden with the hidden attribute', () => {
    const doc = parseFixture('thread-es.html');
    doc.querySelector('.a98')?.closest('.nH[role=main]')?.setAttribute('hidden', '');
    expect(read(doc)).toBeNull();
  });
});
