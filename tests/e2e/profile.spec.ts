import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const buyer = { email: 'elena.marin@logisur.es', name: 'Elena Marín' };
const thread: MailThread = { id: '18c0cafe00000001', subject: 'Renewal quote', messages: [{ from: buyer, to: [SELF], id: '18c0cafe00000001' }] };

test.beforeEach(async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-company')).toHaveText('Logisur');
});

test('the job title is edited inline: Enter saves (and it survives a reload), Escape cancels', async ({ page }) => {
  await expect(page.getByTestId('last-contacted')).toHaveText('Never');
  await page.getByTestId('block-general').locator('summary').click();
  const title = page.getByTestId('field-title');
  await title.getByRole('button').click();
  await title.getByRole('textbox').fill('Chief Financial Officer');
  await title.getByRole('textbox').press('Enter');
  await expect(title.getByRole('button')).toHaveText('Chief Financial Officer');
  await expect(page.getByTestId('contact-title')).toHaveText('Chief Financial Officer');

  // Keyboard only: focus is back on the value, F2 edits, Escape throws the draft away.
  await expect(title.getByRole('button')).toBeFocused();
  await page.keyboard.press('F2');
  await title.getByRole('textbox').fill('Intern');
  await title.getByRole('textbox').press('Escape');
  await expect(title.getByRole('button')).toHaveText('Chief Financial Officer');
  await expect(title.getByRole('textbox')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('contact-title')).toHaveText('Chief Financial Officer');
  await page.getByTestId('block-general').locator('summary').click();
  await expect(page.getByTestId('field-title').getByRole('button')).toHaveText('Chief Financial Officer');

  // The summary's "last contacted" follows the timeline.
  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('last-contacted')).not.toHaveText('Never');
});

test('an invalid phone shows the reason next to the field and keeps the saved number', async ({ page }) => {
  await page.getByTestId('block-contact').locator('summary').click();
  const add = page.getByTestId('field-phone-new');
  await add.getByRole('button').click();
  await add.getByRole('textbox').fill('+34 600 111 222');
  await add.getByRole('textbox').press('Enter');
  const phone = page.getByTestId('field-phone');
  await expect(phone.getByRole('button')).toHaveText('+34 600 111 222');

  await phone.getByRole('button').click();
  await phone.getByRole('textbox').fill('call me maybe');
  await phone.getByRole('textbox').press('Enter');
  await expect(phone.getByRole('alert')).toHaveText('Not a valid phone number');
  await expect(phone.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('contact-phone')).toHaveText('+34 600 111 222');

  await phone.getByRole('textbox').press('Escape');
  await expect(phone.getByRole('button')).toHaveText('+34 600 111 222');
  await expect(phone.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('contact-phone')).toHaveText('+34 600 111 222');
});

test('a won deal shows up in the revenue figure; a negative amount is refused at its field', async ({ page }) => {
  await page.getByTestId('block-transactions').locator('summary').click();
  await expect(page.getByTestId('figure-revenue')).toHaveText('€0.00');
  await page.getByTestId('add-deal').click();
  const form = page.getByTestId('deal-form');
  await form.getByLabel('Title').fill('Annual licence');
  await form.getByLabel('Amount').fill('-5');
  await form.getByLabel('Status').selectOption('won');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toHaveText('Amount cannot be negative');
  await expect(page.getByTestId('deal')).toHaveCount(0);

  await form.getByLabel('Amount').fill('1.200,50');
  await form.getByLabel('Amount').press('Enter');
  await expect(page.getByTestId('deal')).toHaveCount(1);
  await expect(page.getByTestId('deal')).toHaveAttribute('data-status', 'won');
  await expect(page.getByTestId('figure-revenue')).toHaveText('€1,200.50');
  await expect(page.getByTestId('figure-clv')).not.toHaveText('€0.00');
  await expect(page.locator('[data-testid=activity][data-type="deal.won"]')).toHaveCount(1);

  await page.getByTestId('block-segmentation').locator('summary').click();
  await expect(page.getByTestId('rfm-segment')).toContainText('New');
});
