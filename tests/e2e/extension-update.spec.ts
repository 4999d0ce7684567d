// An install or update while Gmail is open: the background starts this version's content script in the open tab
// (the same call runtime.onInstalled makes), the script already there tears itself down, one working sidebar remains;
// a tab that already runs this version is left alone. A real update cannot be driven here: this Chromium unloads a
// command-line extension on runtime.reload(), so `evenIfLive` stands in for a tab holding the previous version.
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const thread: MailThread = { id: '18c0a1b2c3d4e5aa', subject: 'Proposal', messages: [{ from: ana, to: [SELF] }] };

test('the content script started again in an open Gmail tab takes over: one working sidebar and record blocks, no reload', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  // A known contact, so the lazily injected record blocks are loaded before the takeover.
  await page.getByTestId('create-contact').click();
  await page.getByTestId('block-general').locator('summary').click();
  await expect(page.getByTestId('block-general').getByTestId('field-title')).toBeVisible();
  const loadedAt = await page.evaluate(() => performance.timeOrigin);
  const before = await page.locator('ficha-sidebar').elementHandle();

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const injected = await worker.evaluate(() =>
    (globalThis as unknown as { ficha: { injectIntoOpenMailTabs(s?: undefined, o?: object): Promise<Record<string, number>> } }).ficha.injectIntoOpenMailTabs(undefined, { evenIfLive: true }),
  );
  expect(injected).toEqual({ 'content-scripts/gmail.js': 1 });

  // The previous script removed its sidebar; the new one's is the only one.
  await expect.poll(() => before!.evaluate((el) => el.isConnected)).toBe(false);
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
  await expect(page.getByTestId('sidebar')).toHaveCount(1);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  // The new script's blocks (not the earlier run's, bound to its React) open and save.
  await page.getByTestId('block-general').locator('summary').click();
  await page.getByTestId('block-general').getByTestId('field-title').getByRole('button').click();
  await page.getByTestId('block-general').getByTestId('field-title').getByRole('textbox').fill('CFO');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('contact-title')).toHaveText('CFO');
  await expect(page.getByTestId('lifecycle-stage')).toHaveAttribute('data-stage', 'lead');
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(loadedAt); // the same page, never reloaded
});

test('a Gmail tab that already runs this version is left alone (a tab loaded between install and the injection)', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  const before = await page.locator('ficha-sidebar').elementHandle();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const injected = await worker.evaluate(() =>
    (globalThis as unknown as { ficha: { injectIntoOpenMailTabs(): Promise<Record<string, number>> } }).ficha.injectIntoOpenMailTabs(),
  );
  expect(injected).toEqual({});
  await page.waitForTimeout(500);
  expect(await before!.evaluate((el) => el.isConnected)).toBe(true);
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
});
