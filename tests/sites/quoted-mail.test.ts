// A reply or forward puts the mail's HTML in the editor, where it can carry anything: message ids, sender chips,
// recipient lines, editors. None of it may become a participant, a message or a compose form.
import { describe, expect, it } from 'vitest';
import { mailboxKey } from '@/lib/domain/email';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { parseFixture } from './gmail-fixtures';
import { parseOutlook } from './outlook-fixtures';

const emails = (doc: Document, read: (d: Document) => { participants: { email: string }[] } | null) => read(doc)?.participants.map((p) => p.email) ?? [];

describe('Gmail: mail quoted in an editor', () => {
  it('adds no message, sender or recipient to the thread', () => {
    const clean = parseFixture('thread-en-multi.html');
    const before = gmailAdapter.readThread(clean);
    const doc = parseFixture('thread-en-multi.html');
    doc.querySelector('#\\:7k')!.insertAdjacentHTML(
      'beforeend',
      '<div>---------- Forwarded message ---------</div>' +
        '<div role="listitem"><span class="gD" email="evil3@attacker.com" name="Fake Row">Fake Row</span></div>' +
        '<div class="adn ads" data-message-id="#msg-f:666" data-legacy-message-id="deadbeef"><h3 class="iw"><span class="gD" email="evil2@attacker.com" name="Fake">Fake</span></h3>' +
        '<span class="hb"><span class="g2" email="evil4@attacker.com">x</span></span></div>',
    );
    const after = gmailAdapter.readThread(doc);
    expect(after?.participants).toEqual(before?.participants);
    expect(after?.messageIds).toEqual(before?.messageIds);
  });

  it('adds no recipient to a compose window', () => {
    const doc = parseFixture('compose-en.html');
    const before = emails(doc, gmailAdapter.readThread);
    const editors = doc.querySelectorAll('[role=textbox]');
    editors[editors.length - 1]!.insertAdjacentHTML('beforeend', '<div name="cc"><span email="evil@attacker.com" data-hovercard-id="evil@attacker.com">Legit</span></div>');
    expect(emails(doc, gmailAdapter.readThread)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  });
});

describe('Outlook: mail quoted in a compose editor', () => {
  it('adds no recipient line', () => {
    const doc = parseOutlook('compose-popout-en.html');
    const before = emails(doc, outlookAdapter.readThread);
    doc.querySelector('.dFCbN')!.insertAdjacentHTML('beforeend', '<div id="divRplyFwdMsg">From: x</div><div contenteditable="true" role="textbox" aria-label="To">evil@attacker.com</div>');
    expect(emails(doc, outlookAdapter.readThread)).toEqual(before);
  });

  it('an editor inside the editor does not hide the compose form', () => {
    const doc = parseOutlook('compose-popout-en.html');
    const before = outlookAdapter.readThread(doc);
    doc.querySelector('.dFCbN')!.insertAdjacentHTML('beforeend', '<div contenteditable="true" role="textbox" aria-multiline="true">quoted</div>');
    const after = outlookAdapter.readThread(doc);
    expect(after?.mode).toBe('compose');
    expect(after?.participants).toEqual(before?.participants);
  });
});

describe('Outlook: a display name that looks like an address', () => {
  it('never replaces the address the sender line closes with', () => {
    const doc = parseOutlook('thread-en-multi.html');
    const line = doc.querySelector('#MSG_AAMkAGI2-msg-4_FROM [aria-label^="From:"]')!;
    line.setAttribute('aria-label', 'From: ceo@clientco.com');
    line.innerHTML =
      '<span class="lpcCommonWeb-hoverTarget" role="button" aria-haspopup="dialog" aria-label="Opens card for ceo@clientco.com"><span>ceo@clientco.com&lt;evil@attacker.com&gt;</span></span>';
    const thread = outlookAdapter.readThread(doc)!;
    const senders = thread.messages.map((m) => m.from);
    expect(senders).toContain('evil@attacker.com');
    expect(senders).not.toContain('ceo@clientco.com');
    expect(thread.participants.map((p) => p.email)).not.toContain('ceo@clientco.com');
  });
});

describe('the user under another form of their address', () => {
  it('is not a participant (plus-addressing, case)', () => {
    const doc = parseFixture('thread-en-multi.html');
    const before = gmailAdapter.readThread(doc)!;
    doc.querySelector('.hb .g2[email="rep@acme-sales.com"]')!.setAttribute('email', 'Rep+CRM@acme-sales.com');
    const after = gmailAdapter.readThread(doc)!;
    expect(after.participants.map((p) => p.email)).not.toContain('rep+crm@acme-sales.com');
    expect(after.participants).toEqual(before.participants);
  });

  it('mailboxKey folds +tags, case and Gmail dots, and nothing else', () => {
    expect(mailboxKey('Rep+crm@Acme.com')).toBe(mailboxKey('rep@acme.com'));
    expect(mailboxKey('a.n.a@googlemail.com')).toBe(mailboxKey('ana@gmail.com'));
    expect(mailboxKey('a.na@acme.com')).not.toBe(mailboxKey('ana@acme.com'));
    expect(mailboxKey('ana@acme.com')).not.toBe(mailboxKey('ana@acme.co'));
  });
});

describe('Outlook: the user once the folder pane is collapsed', () => {
  it('is still known from the account seen earlier in the page', () => {
    const doc = parseOutlook('thread-en-multi.html');
    const before = outlookAdapter.readThread(doc)!;
    expect(before.selfEmail).not.toBeNull();
    doc.querySelectorAll('[id^=primaryMailboxRoot_]').forEach((el) => el.remove());
    const after = outlookAdapter.readThread(doc)!;
    expect(after.selfEmail).toBe(before.selfEmail);
    expect(after.participants).toEqual(before.participants);
  });
});
