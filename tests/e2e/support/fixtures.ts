// Playwright fixtures: a fresh Chromium profile with the built extension, and Gmail served from test HTML.
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { gmailPageHtml, type MailThread, type Person, showInboxInPage, showThreadInPage, threadViewHtml } from './gmail-dom';
import { launchWithExtension } from './launch';

export const GMAIL_URL = 'https://mail.google.com/mail/u/0/';

export interface GmailOptions {
  thread?: MailThread;
  self?: Person;
  inboxRows?: number;
}

/** Serves a Gmail-shaped page for every mail.google.com request; `setPage` changes what the next load returns. */
export async function serveGmail(context: BrowserContext, initial: GmailOptions = {}) {
  let html = gmailPageHtml(initial);
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  return {
    setPage(options: GmailOptions) {
      html = gmailPageHtml(options);
    },
  };
}

export async function openThread(page: Page, thread: MailThread) {
  await page.evaluate(showThreadInPage, { html: threadViewHtml(thread), hash: `#inbox/${thread.id}` });
}

export async function openInbox(page: Page) {
  await page.evaluate(showInboxInPage);
}

/** How many contacts the extension holds, read in its worker (browsing alone must never save anyone). */
export async function storedContactCount(context: BrowserContext): Promise<number> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return worker.evaluate(() => (globalThis as unknown as { ficha: { contacts: { count(): Promise<number> } } }).ficha.contacts.count());
}

export const test = base.extend<{ context: BrowserContext; extensionId: string; page: Page }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const { context } = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
  },
  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },
});

export { expect } from '@playwright/test';
