import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, openThread, serveGmail, test } from './support/fixtures';
import { addChip, composeFormHtml, gmailPopoutHtml, openComposeDialog, removeChip } from './support/gmail-compose-dom';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const marta = { email: 'marta@otherco.es', name: 'Marta Ruiz' };
const pedro = { email: 'pedro@thirdco.com', name: 'Pedro Gil' };

test('Gmail compose dialog: recipients as they are added and removed → card', async ({ context, page }) => {
  await serveGmail(context, {});
  await page.goto(GMAIL_URL + '#inbox');
  await expect(page.getByTestId('sidebar')).toHaveCount(0);

  await openComposeDialog(page, 'c1');
  await page.locator('#compose-c1 [name=to] input').focus();
  await expect(page.getByTestId('sidebar')).toBeVisible();
  await expect(page.getByTestId('participant')).toHaveCount(0);

  await addChip(page, 'c1', 'to', ana);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  // Compose wording: the people are the email's recipients.
  await expect(page.getByTestId('sidebar')).toContainText('Recipients of this email · 1');
  await addChip(page, 'c1', 'cc', marta);
  await addChip(page, 'c1', 'cc', SELF);
  await expect(page.getByTestId('participant')).toHaveCount(2);

  await removeChip(page, 'c1', ana.email);
  await expect(page.getByTestId('participant')).toHaveCount(1);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
});

test('several compose windows: the sidebar follows the focused one, also over an open thread', async ({ context, page }) => {
  await serveGmail(context, {});
  await page.goto(GMAIL_URL + '#inbox');
  await openThread(page, { id: '18c0ffee00000009', subject: 'Hello', messages: [{ from: pedro, to: [SELF] }] });
  await expect(page.getByTestId('contact-email')).toHaveText(pedro.email);

  await openComposeDialog(page, 'c1', [ana]);
  await openComposeDialog(page, 'c22', [marta]);
  await page.locator('#compose-c1 [role=textbox]').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await page.locator('#compose-c22 [role=textbox]').click();
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);

  // Using the sidebar keeps the compose window it belongs to.
  await page.getByTestId('sidebar').click();
  await page.waitForTimeout(100);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);

  // Back in the thread: the thread's sender again.
  await page.locator('[data-view=thread] .a3s').first().click();
  await page.locator('[data-view=thread] [role=textbox]').click();
  await expect(page.getByTestId('contact-email')).toHaveText(pedro.email);
});

test('Gmail pop-out compose window shows its recipients', async ({ context, page }) => {
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: gmailPopoutHtml(SELF, composeFormHtml('pop1', [marta], [SELF])) }),
  );
  await page.goto(GMAIL_URL + '?view=cm&fs=1&tf=1');
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await expect(page.getByTestId('participant')).toHaveCount(1);
});

test('a CTA goes into the compose window the rep was typing in, not the newest one', async ({ context, page }) => {
  await serveGmail(context, {});
  await page.goto(GMAIL_URL + '#inbox');
  await openComposeDialog(page, 'c1', [ana]);
  await openComposeDialog(page, 'c22', [marta]);
  await page.locator('#compose-c1 [role=textbox]').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await page.getByTestId('create-contact').click();
  // An unsent email has nothing to log yet: the card says when it can be.
  await expect(page.getByTestId('sidebar')).toContainText('once it is sent');

  await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
  await expect(page.locator('#compose-c1 [role=textbox]')).toContainText('Ana');
  await expect(page.locator('#compose-c22 [role=textbox]')).toHaveText('Hi,');
});
