import { readFileSync } from 'node:fs';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0dead00000001', subject: 'Hello', messages: [{ from: ana, to: [SELF], id: '18c0dead00000001' }] };

test("a person's data is exported, then erased: gone from the sidebar, on the never-log list, audited without personal data", async ({ context, page, extensionId }, testInfo) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('privacy-local-only')).toBeVisible();
  await options.getByTestId('privacy-search').fill('ana');
  const person = options.getByTestId('privacy-person');
  await expect(person).toHaveCount(1);

  const download = options.waitForEvent('download');
  await person.getByTestId('privacy-export').click();
  const file = testInfo.outputPath('person.json');
  await (await download).saveAs(file);
  const data = JSON.parse(readFileSync(file, 'utf8')) as { format: string; contact: { emails: { address: string }[] } };
  expect(data.format).toBe('ficha-person');
  expect(data.contact.emails[0]?.address).toBe(ana.email);

  await person.getByTestId('privacy-erase').click();
  await options.getByTestId('privacy-erase-neverlog').check();
  await options.getByTestId('privacy-erase-confirm').click();
  await expect(options.getByTestId('privacy-erased')).toBeVisible();
  await expect(options.getByTestId('privacy-person')).toHaveCount(0);
  const audit = options.getByTestId('privacy-audit');
  await expect(audit.getByTestId('privacy-audit-entry').first()).toHaveAttribute('data-action', 'erase');
  await expect(audit).not.toContainText('ana');
  await expect(audit).not.toContainText('clientco');

  // The Gmail tab stayed open on Ana's card: it follows the erase without a reload.
  await page.bringToFront();
  await expect(page.getByTestId('create-contact')).toBeVisible();
  const settings = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: { neverLog: string[] } }> } } }).chrome.runtime.sendMessage({ type: 'settings.get' }));
  expect(settings.data.neverLog).toContain(ana.email);
});
