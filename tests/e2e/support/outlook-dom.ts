// Builds Outlook-on-the-web-shaped pages for E2E, following tests/fixtures/outlook/ (DOM-FACTS O1–O5). Every value
// is escaped: names reach the DOM as text.
import type { BrowserContext, Page } from '@playwright/test';
import { esc, type Person, SELF } from './gmail-dom';

export const OUTLOOK_URL = 'https://outlook.office.com/mail/';

export interface OutlookMessage {
  from: Person;
  to: Person[];
  cc?: Person[];
  id?: string;
}

export interface OutlookConversation {
  id: string;
  subject: string;
  messages: OutlookMessage[];
}

/** A persona pill: the name as text, the address in `title` (Outlook shows names; see the fixtures README). */
export const pill = (p: Person) =>
  `<span class="lpcCommonWeb-hoverTarget" role="button" aria-haspopup="dialog" aria-label="Opens card for ${esc(p.name || p.email)}" data-lpc-hover-target-id="lpc-${esc(p.email)}" title="${esc(p.email)}"><span>${esc(p.name || p.email)}</span></span>`;

function messageHtml(conv: OutlookConversation, m: OutlookMessage, i: number): string {
  const id = m.id ?? `${conv.id}-m${i}`;
  const well = (label: string, people: Person[]) =>
    people.length ? `<div data-testid="RecipientWell" aria-label="${label}: ${esc(people.map((p) => p.name).join('; '))}">${label}: ${people.map(pill).join('; ')}</div>` : '';
  return `<div class="aVla3"><div class="BS0OK" aria-expanded="true"><div class="wide-content-host"><div aria-label="Email message">
<div id="MSG_${esc(id)}_FROM"><span role="region"><span aria-label="From: ${esc(m.from.name)}"><span class="lpcCommonWeb-hoverTarget" role="button" data-lpc-hover-target-id="lpc-from-${i}"><span class="OZZZK">${esc(m.from.name)}&lt;${esc(m.from.email)}&gt;</span></span></span></span></div>
<div class="DrnCK">${well('To', m.to)}${well('Cc', m.cc ?? [])}</div>
<div role="document" aria-label="Message body"><div id="UniqueMessageBody_${i}"><p>Message ${i + 1} of ${esc(conv.subject)}</p></div></div>
</div></div></div></div>`;
}

export function conversationHtml(conv: OutlookConversation): string {
  return `<div id="ConversationReadingPaneContainer"><div role="heading" aria-level="2" id="CONV_${esc(conv.id)}_SUBJECT" title="${esc(conv.subject)}">${esc(conv.subject)}</div>
<div data-app-section="ConversationContainer">${conv.messages.map((m, i) => messageHtml(conv, m, i)).join('\n')}</div></div>`;
}

/** A compose form as it replaces the reading pane (or fills the pop-out window). */
export function composeHtml(draftId: string, to: Person[] = [], cc: Person[] = []): string {
  return `<div class="compose" id="compose-${esc(draftId)}">
<div><button>To</button><div contenteditable="true" role="textbox" aria-label="To" data-well="to">${to.map(pill).join('')}</div></div>
<div><button>Cc</button><div contenteditable="true" role="textbox" aria-label="Cc" data-well="cc">${cc.map(pill).join('')}</div></div>
<input type="text" autocomplete="off" id="MSG_${esc(draftId)}_SUBJECT" aria-label="Add a subject" value="">
<div contenteditable="true" role="textbox" aria-multiline="true" aria-label="Message body, press Alt+F10 to exit" style="min-height:80px;border:1px solid #ccc"><div>Hi,</div></div>
</div>`;
}

export interface OutlookPageOptions {
  self?: Person;
  conversation?: OutlookConversation;
  readingPane?: string;
  /** Extra message-list rows and inert nodes, to make the page as heavy as real Outlook for cost checks. */
  listRows?: number;
  padding?: number;
}

export function outlookPageHtml(options: OutlookPageOptions = {}): string {
  const self = options.self ?? SELF;
  const rows = Array.from({ length: options.listRows ?? 0 }, (_, i) =>
    `<div role="option" data-convid="row-${i}" aria-selected="false" aria-label="Sender ${i} Subject ${i}"><span title="sender${i}@news.example">Sender ${i}</span><span>Subject ${i}</span><span>Preview text ${i}</span></div>`).join('');
  const padding = Array.from({ length: options.padding ?? 0 }, (_, i) => `<div class="pad" style="display:none"><span>${i}</span></div>`).join('');
  const pane = options.readingPane ?? (options.conversation ? conversationHtml(options.conversation) : '<div>Select an item to read</div>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail - ${esc(self.name)} - Outlook</title>
<style>body{margin:0;font:14px "Segoe UI",sans-serif;display:flex} #nav{width:200px} #list{width:300px} [role=main]{flex:1;padding:16px}</style></head>
<body><div id="appRoot" style="display:flex;width:100%">
<div id="nav" data-app-section="NavigationPane" role="navigation"><div role="tree"><div role="treeitem" id="primaryMailboxRoot_${esc(self.email)}" data-folder-name="${esc(self.email)}" title="${esc(self.email)}">${esc(self.name)}</div></div></div>
<div id="list" role="complementary" aria-label="Message list" data-app-section="MessageList"><div id="MailList"><div role="listbox">
<div role="option" data-convid="list-1" aria-selected="false"><span title="newsletter@vendor.example">Newsletter</span></div>${rows}</div></div></div>
<div role="main" data-app-section="MailReadCompose" aria-label="Reading Pane"><div id="ReadingPaneContainerId">${pane}</div></div>
</div>${padding}</body></html>`;
}

/** Serves an Outlook-shaped page for every outlook.office.com request; `setPage` changes what the next load returns. */
export async function serveOutlook(context: BrowserContext, initial: OutlookPageOptions = {}) {
  let html = outlookPageHtml(initial);
  await context.route('https://outlook.office.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  return {
    setPage(options: OutlookPageOptions) {
      html = outlookPageHtml(options);
    },
  };
}

/** In-page navigation as Outlook does it: the reading pane is re-rendered and the URL pushed, no page load. */
export const showInReadingPane = (args: { html: string; path: string }) => {
  const pane = document.getElementById('ReadingPaneContainerId');
  if (!pane) throw new Error('not an Outlook-shaped page');
  pane.innerHTML = args.html;
  history.pushState(null, '', args.path);
};

export async function openConversation(page: Page, conv: OutlookConversation) {
  await page.evaluate(showInReadingPane, { html: conversationHtml(conv), path: `/mail/inbox/id/${encodeURIComponent(conv.id)}` });
}

export async function openCompose(page: Page, draftId: string, to: Person[] = []) {
  await page.evaluate(showInReadingPane, { html: composeHtml(draftId, to), path: '/mail/inbox' });
}

/** Adds a recipient pill to a compose well, as Outlook does when the rep picks a suggestion. */
export async function addRecipient(page: Page, draftId: string, well: 'to' | 'cc', person: Person) {
  await page.evaluate(
    ({ selector, html }) => document.querySelector(selector)?.insertAdjacentHTML('beforeend', html),
    { selector: `#compose-${draftId} [data-well=${well}]`, html: pill(person) },
  );
}

export async function removeRecipient(page: Page, email: string) {
  await page.evaluate((title) => document.querySelector(`[data-well] [title="${title}"]`)?.remove(), email);
}
