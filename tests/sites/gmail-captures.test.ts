// The adapter against real Gmail captures (tests/fixtures/gmail/README.md says what each one holds).
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { parseFixture, parseHtml, readFixture } from './gmail-fixtures';

describe('gmail adapter on real captures', () => {
  it('reads the single expanded message of the 2026 thread-open capture', () => {
    const thread = gmailAdapter.readThread(parseFixture('msyamsudin__Sender-Check__thread-open.html'));
    expect(thread).not.toBeNull();
    expect(thread?.participants[0]).toEqual({ email: 'daily@contoh-news.example', name: 'Contoh News', roles: ['from'] });
    expect(thread?.messageIds).toEqual(['1a1019ad5b49f8a9']);
    // No subject in the capture: the thread id comes from the base64 `jslog` (its decimal id = the legacy hex id).
    expect(thread?.subject).toBe('');
    expect(thread?.threadId).toBe('thread-f:1878029276965107881');
    expect(BigInt('1878029276965107881').toString(16)).toBe('1a1019ad5b49f8a9');
  });

  it('keeps the "me" chip as a recipient when the page does not reveal the user', () => {
    // The capture is one element: no title, no account button, so "saya" (Indonesian "me") cannot be recognised.
    const thread = gmailAdapter.readThread(parseFixture('msyamsudin__Sender-Check__thread-open.html'));
    expect(thread?.selfEmail).toBeNull();
    expect(thread?.participants[1]).toEqual({ email: 'me@example.com', name: 'saya', roles: ['to'] });
  });

  it('drops the user once the tab title names them', () => {
    const html = readFixture('msyamsudin__Sender-Check__thread-open.html');
    const doc = parseHtml(`<title>Kotak Masuk (1) - me@example.com - Gmail</title>${html}`);
    const thread = gmailAdapter.readThread(doc);
    expect(thread?.selfEmail).toBe('me@example.com');
    expect(thread?.participants.map((p) => p.email)).toEqual(['daily@contoh-news.example']);
  });

  it('never reads the message body', () => {
    const doc = parseFixture('msyamsudin__Sender-Check__thread-open.html');
    doc.querySelector('div.a3s')!.innerHTML =
      '<span class="gD" email="evil@attacker.com" name="Evil">x</span><div data-message-id="#msg-f:9" data-legacy-message-id="9"></div>';
    const thread = gmailAdapter.readThread(doc);
    expect(thread?.participants.map((p) => p.email)).not.toContain('evil@attacker.com');
    expect(thread?.messageIds).toEqual(['1a1019ad5b49f8a9']);
  });

  it('returns null for an inbox list row', () => {
    // A bare <tr> is dropped by the HTML parser outside a table, so wrap it as Gmail does.
    const row = readFixture('msyamsudin__Sender-Check__list-row.html');
    expect(gmailAdapter.readThread(parseHtml(`<table><tbody>${row}</tbody></table>`))).toBeNull();
    expect(gmailAdapter.readThread(parseHtml(row))).toBeNull();
  });

  it.each([
    'InboxSDK__InboxSDK__injected-thread-identifier.html',
    'InboxSDK__InboxSDK__gmail-2017-06-22-gmail-addon-sidebar.html',
    'InboxSDK__InboxSDK__gmail-2017-09-08-gmail-addon-sidebar.html',
    'msyamsudin__Sender-Check__show-original.html',
  ])('returns null for %s (no open thread)', (name) => {
    expect(gmailAdapter.readThread(parseFixture(name))).toBeNull();
  });
});
