// An install or update while Gmail is open: the background starts this version's content script in the open tab
// (the same call runtime.onInstalled makes), the script already there tears itself down, one working sidebar remains.
// A real update cannot be driven here: this Chromium unloads a command-line extension on runtime.reload().
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const thread: MailThread = { id: '18c0a1b2c3d4e5aa', subject: 'Proposal', messages: [{ from: ana, to: [SELF] }] };

test('the content script started again in an open Gmail tab takes over: one working sidebar, no reload', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  const loadedAt = await page.evaluate(() => performance.timeOrigin);
  const before = await page.locator('ficha-sidebar').elementHandle();

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const injected = await worker.evaluate(() =>
    (globalThis as unknown as { ficha: { injectIntoOpenMailTabs(): Promise<Record<string, number>> } }).ficha.injectIntoOpenMailTabs(),
  );
  expect(injected).toEqual({ 'content-scripts/gmail.js': 1 });

  // The previous script removed its sidebar; the new one's is the only one.
  await expect.poll(() => before!.evaluate((el) => el.isConnected)).toBe(false);
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
  await expect(page.getByTestId('sidebar')).toHaveCount(1);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('create-contact')).toHaveCount(0);
  await expect(page.getByTestId('lifecycle-stage')).toHaveAttribute('data-stage', 'lead');
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt); // the same page, never reloaded
});
