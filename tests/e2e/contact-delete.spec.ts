// The sidebar's "Delete contact": keyboard to open, Escape backs out with nothing deleted, confirm deletes the
// contact with its timeline and the card goes back to the unknown-person state (no reload), the never-log list
// untouched (that is the privacy erase's option, not a plain delete's).
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana.delete@clientco.com', name: 'Ana Borrar' };
const thread: MailThread = { id: '18c0de1e00000001', subject: 'Hello', messages: [{ from: ana, to: [SELF], id: '18c0de1e00000001' }] };

test('a contact deleted from the sidebar is gone, with its timeline, and the card offers to create it again', async ({ context, page, extensionId }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await page.getByTestId('add-note').fill('Met at the fair');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByTestId('activity').filter({ hasText: 'Met at the fair' })).toHaveCount(1);

  // Keyboard: Enter opens the question with the focus on Cancel; Escape closes it and gives the focus back.
  const del = page.getByTestId('contact-delete');
  await del.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('Ana Borrar');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('contact-delete-dialog')).toHaveCount(0);
  await expect(del).toBeFocused();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);

  await page.keyboard.press('Enter');
  await page.getByTestId('contact-delete-confirm').click();
  await expect(page.getByTestId('create-contact')).toBeVisible();
  await expect(page.getByTestId('contact-delete')).toHaveCount(0);

  // A plain delete leaves the never-log list alone (that is the privacy erase's option).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const settings = await options.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: { neverLog: string[] } }> } } }).chrome.runtime.sendMessage({ type: 'settings.get' }));
  expect(settings.data.neverLog).not.toContain(ana.email);
  await options.close();

  // Created again: a fresh record, the old timeline is not brought back.
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await expect(page.getByTestId('activity').filter({ hasText: 'Met at the fair' })).toHaveCount(0);
});
