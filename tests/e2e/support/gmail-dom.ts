// Builds Gmail-shaped pages for E2E and benchmarks, following the structure of tests/fixtures/gmail/ (current Gmail,
// see DOM-FACTS G1/G4/G8/G9). Every value is escaped as Gmail escapes it: names reach the DOM as text.

export interface Person {
  email: string;
  name: string;
}

export interface MailMessage {
  from: Person;
  to: Person[];
  cc?: Person[];
  body?: string;
  id?: string;
}

export interface MailThread {
  id: string;
  subject: string;
  messages: MailMessage[];
}

export const SELF: Person = { email: 'rep@acme-sales.com', name: 'Rita Rep' };

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const chip = (p: Person, cls: string) =>
  `<span class="${cls}" email="${esc(p.email)}" name="${esc(p.name)}" data-hovercard-id="${esc(p.email)}">${esc(p.name || p.email)}</span>`;

function messageHtml(thread: MailThread, m: MailMessage, index: number): string {
  const id = m.id ?? `${thread.id}-${index}`;
  const recipients = [...m.to, ...(m.cc ?? [])].map((p) => chip(p, 'g2')).join(', ');
  return `<div role="listitem" aria-expanded="true"><div class="adn ads" data-message-id="#msg-f:${esc(id)}" data-legacy-message-id="${esc(id)}">
<div class="gs"><div class="gE iv gt"><table class="cf gJ"><tbody>
<tr class="acZ"><td class="gF gK"><table class="cf ix"><tbody><tr><td class="c2"><h3 class="iw"><span class="qu">${chip(m.from, 'gD')}
<span class="go">&lt;${esc(m.from.email)}&gt;</span></span></h3></td></tr></tbody></table></td>
<td class="gH"><div class="gK"><span class="g3" title="Mon, Nov 23, 2026, 10:0${index % 10} AM">Nov 23</span></div></td></tr>
<tr class="acZ xD"><td colspan="3"><table class="cf adz"><tbody><tr><td class="ady"><div class="iw ajw"><span class="hb">to ${recipients}</span></div></td></tr></tbody></table></td></tr>
</tbody></table></div>
<div class="ii gt"><div class="a3s aiL">${m.body ?? `<p>Message ${index + 1} of ${esc(thread.subject)}</p>`}</div></div></div>
</div></div>`;
}

/** The thread view's inner HTML: subject, messages, and an inline reply editor with a draft. */
export function threadViewHtml(thread: MailThread, draft = 'Thanks for your note. Best regards'): string {
  return `<div role="main"><div class="nH"><div class="ha"><h2 class="hP" data-thread-perm-id="thread-f:${esc(thread.id)}" data-legacy-thread-id="${esc(thread.id)}">${esc(thread.subject)}</h2></div>
<div role="list">${thread.messages.map((m, i) => messageHtml(thread, m, i)).join('\n')}</div>
<div class="ip adB"><div class="M9"><div class="Am Al editable" contenteditable="true" role="textbox" aria-multiline="true" g_editable="true" aria-label="Message Body">${esc(draft)}</div></div></div>
</div></div>`;
}

/** The inbox view's inner HTML: `rows` list rows with senders that must never become participants. */
export function inboxViewHtml(rows: number): string {
  const row = (i: number) =>
    `<tr class="zA yO" role="row"><td class="oZ-x3"><div role="checkbox"></div></td><td class="yX"><div class="yW"><span class="bA4"><span class="yP" email="list${i}@news.example" name="Newsletter ${i}">Newsletter ${i}</span></span></div></td>` +
    `<td class="a4W"><div class="y6"><span class="bog"><span data-thread-id="#thread-f:${1000 + i}" data-legacy-thread-id="${(1000 + i).toString(16)}">Weekly digest ${i}</span></span><span class="y2"> - News for week ${i} with a few words of snippet text</span></div></td><td class="xW"><span title="Nov ${(i % 28) + 1}, 2026">Nov ${(i % 28) + 1}</span></td></tr>`;
  return `<div role="main"><div class="Cp"><table class="F cf zt"><tbody>${Array.from({ length: rows }, (_, i) => row(i)).join('')}</tbody></table></div></div>`;
}

/** A whole Gmail page: banner with the account button, and the views container with inbox (shown) and thread (hidden). */
export function gmailPageHtml(options: { self?: Person; inboxRows?: number; thread?: MailThread; padding?: number } = {}): string {
  const self = options.self ?? SELF;
  const thread = options.thread;
  // Extra inert nodes make the page as heavy as real Gmail for cost measurements.
  const padding = Array.from({ length: options.padding ?? 0 }, (_, i) => `<div class="pad"><span>${i}</span></div>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox (3) - ${esc(self.email)} - Gmail</title>
<style>body{margin:0;font:14px Arial,sans-serif} .nH[data-view]{padding:16px 24px} .hP{font-size:22px;font-weight:400} .adn{border-bottom:1px solid #eee;padding:12px 0} .gD{font-weight:bold} .go,.hb{color:#5f6368} .M9{border:1px solid #ccc;border-radius:8px;min-height:80px;padding:8px;margin-top:12px} [role=banner]{height:64px;border-bottom:1px solid #eee;display:flex;align-items:center;justify-content:space-between;padding:0 16px} table{border-collapse:collapse} .pad{display:none}</style></head>
<body><div role="banner"><span style="font-size:22px;color:#5f6368">Gmail</span><a class="gb_d" role="button" aria-label="Google Account: ${esc(self.name)}  &#10;(${esc(self.email)})" href="https://accounts.google.com/SignOutOptions?hl=en">${esc(self.name.slice(0, 1))}</a></div>
<div class="aeF"><div class="nH" id="views">
<div class="nH" data-view="inbox"${thread ? ' style="display: none;"' : ''}>${inboxViewHtml(options.inboxRows ?? 10)}</div>
<div class="nH" data-view="thread"${thread ? '' : ' style="display: none;"'}>${thread ? threadViewHtml(thread) : ''}</div>
</div></div><div class="dw"></div>${padding}</body></html>`;
}

/** In-page navigation as Gmail does it: swap which view is shown and change the hash, no page load. */
export const showThreadInPage = (args: { html: string; hash: string }) => {
  const views = document.getElementById('views');
  const inbox = views?.querySelector<HTMLElement>('[data-view=inbox]');
  const thread = views?.querySelector<HTMLElement>('[data-view=thread]');
  if (!inbox || !thread) throw new Error('not a Gmail-shaped page');
  thread.innerHTML = args.html;
  inbox.style.display = 'none';
  thread.style.display = '';
  location.hash = args.hash;
};

export const showInboxInPage = () => {
  const views = document.getElementById('views');
  views?.querySelector<HTMLElement>('[data-view=thread]')?.setAttribute('style', 'display: none;');
  views?.querySelector<HTMLElement>('[data-view=inbox]')?.setAttribute('style', '');
  location.hash = '#inbox';
};
