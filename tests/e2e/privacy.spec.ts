import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const colleague = { email: 'pat@partner-firm.com', name: 'Pat Partner' };
const thread: MailThread = { id: '18c0aaaa00000001', subject: 'Lunch?', messages: [{ from: colleague, to: [SELF], id: '18c0aaaa00000001' }] };

test('a never-log domain disables logging with the reason; removing it enables logging again', async ({ context, page, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('never-log-input').fill('not a domain');
  await options.getByTestId('never-log-add').click();
  await expect(options.getByRole('alert')).toContainText('neither an email address nor a domain');
  await expect(options.getByTestId('never-log-entry')).toHaveCount(0);
  await options.getByTestId('never-log-input').fill('@Partner-Firm.com');
  await options.getByTestId('never-log-add').click();
  await expect(options.getByTestId('never-log-entry')).toHaveText(['partner-firm.com×']);

  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('log-email')).toBeDisabled();
  await expect(page.getByTestId('log-blocked')).toContainText('partner-firm.com');

  await options.getByRole('button', { name: 'Remove partner-firm.com' }).click();
  await expect(options.getByTestId('never-log-entry')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('log-email')).toBeEnabled();
  await expect(page.getByTestId('log-warning')).toContainText('No legal basis');
});

test('requiring a legal basis blocks logging until one is recorded under Privacy', async ({ context, page, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('require-legal-basis').check();
  await expect(options.getByTestId('require-legal-basis')).toBeChecked();

  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('log-email')).toBeDisabled();
  await expect(page.getByTestId('log-blocked')).toBeVisible();

  await page.getByTestId('privacy').locator('summary').click();
  await page.getByTestId('legal-basis').selectOption('legitimate_interest');
  await expect(page.getByTestId('log-email')).toBeEnabled();
  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
});

test('retention accepts whole months only: 0 or a fraction is refused with the reason, never saved as 1 month', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.getByTestId('privacy-section');
  for (const typed of ['0', '2.5', '-3']) {
    await options.getByTestId('retention-months').fill(typed);
    await options.getByTestId('retention-save').click();
    await expect(section.getByRole('alert')).toContainText('whole number of months');
    await expect(options.getByTestId('retention-run')).toBeDisabled();
  }
  await options.getByTestId('retention-months').fill('24');
  await options.getByTestId('retention-save').click();
  await expect(options.getByTestId('retention-run')).toBeEnabled();
  await expect(section.getByRole('alert')).toHaveCount(0);
});
