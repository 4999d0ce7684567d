import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const person = { email: 'cto@scaleup.io', name: 'Sam Chief' };
const thread: MailThread = { id: '18c0cafe00000001', subject: 'Intro', messages: [{ from: person, to: [SELF], id: '18c0cafe00000001' }] };

test('the scoring model is validated as you type, previewed live, saved, and every contact rescored', async ({ context, page, extensionId }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  const before = Number(await page.getByTestId('lead-score').textContent());

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const editor = options.getByTestId('scoring-editor');
  await expect(editor).toBeVisible();
  const preview = options.getByTestId('preview-score');
  await expect(preview).toHaveText(String(before));

  // Weights that do not sum to 100: the error is shown and saving is off; the saved model is untouched.
  await editor.getByLabel('Fit weight').fill('80');
  await expect(options.getByTestId('scoring-invalid')).toContainText('Weights must sum to 100');
  await expect(options.getByTestId('scoring-save')).toBeDisabled();

  // Fit only: the preview follows the draft before anything is saved.
  await editor.getByLabel('Fit weight').fill('100');
  await editor.getByLabel('Engagement weight').fill('0');
  await expect(options.getByTestId('scoring-invalid')).toHaveCount(0);
  const previewed = Number(await preview.textContent());
  expect(previewed).not.toBe(before);

  await options.getByTestId('scoring-save').click();
  await expect(options.getByTestId('rescore-status')).toHaveAttribute('data-state', 'done');

  await page.reload();
  await expect(page.getByTestId('lead-score')).toHaveText(String(previewed));
});
