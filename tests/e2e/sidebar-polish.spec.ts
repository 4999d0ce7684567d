import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, openInbox, openThread, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe0000000f', subject: 'Polish', messages: [{ from: ana, to: [SELF], id: '18c0cafe0000000f' }] };

test('collapsed stays collapsed across reloads and tabs, and follows the remembered state the keyboard command flips', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByRole('button', { name: 'Hide the record card' }).click();
  await expect(page.getByRole('button', { name: 'Show the record card' })).toBeVisible();
  // The toggle the rep used hands the focus to the toggle that replaced it, so the keyboard can go straight back.
  await expect(page.getByRole('button', { name: 'Show the record card' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Hide the record card' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Show the record card' })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show the record card' })).toBeVisible();

  // The command (Alt+Shift+F) flips this stored state in the worker (Playwright cannot press browser commands);
  // every tab follows the change.
  const other = await context.newPage();
  await other.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(other.getByRole('button', { name: 'Show the record card' })).toBeVisible();
  const worker = context.serviceWorkers()[0]!;
  await worker.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ sidebarCollapsed: false }));
  await expect(page.getByTestId('create-contact')).toBeVisible();
  await expect(other.getByTestId('create-contact')).toBeVisible();
});

test('the sidebar follows a dark webmail theme', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-theme', 'light');
  // Gmail switches theme without a reload; the next thread shown reads it.
  await page.evaluate(() => {
    document.body.style.background = '#202124';
  });
  await openInbox(page);
  await openThread(page, { ...thread, id: '18c0cafe00000010', messages: [{ from: ana, to: [SELF], id: '18c0cafe00000010' }] });
  await expect(page.getByTestId('sidebar')).toHaveAttribute('data-theme', 'dark');
});
