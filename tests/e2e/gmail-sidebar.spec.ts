import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, openInbox, openThread, serveGmail, storedContactCount, test } from './support/fixtures';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const carlos = { email: 'carlos@clientco.com', name: 'Carlos Díaz' };
const dana = { email: 'dana@gmail.com', name: 'Dana Lee' };

const proposal: MailThread = {
  id: '18c0a1b2c3d4e5f6',
  subject: 'Proposal for Q1',
  messages: [
    { from: ana, to: [SELF], cc: [carlos] },
    { from: SELF, to: [ana, carlos] },
    { from: carlos, to: [SELF, ana], cc: [dana] },
  ],
};
const renewal: MailThread = {
  id: '18c0ffee00000001',
  subject: 'Renewal',
  messages: [{ from: { email: 'marta@otherco.es', name: 'Marta Ruiz' }, to: [SELF] }],
};

test('unknown sender → create → profile, and it survives a reload', async ({ context, page }) => {
  await serveGmail(context, { thread: proposal });
  await page.goto(GMAIL_URL + '#inbox/' + proposal.id);

  const sidebar = page.getByTestId('sidebar');
  await expect(sidebar).toBeVisible();
  // The last external sender is shown first.
  await expect(page.getByTestId('contact-email')).toHaveText(carlos.email);
  await expect(page.getByTestId('contact-name')).toHaveText(carlos.name);
  await page.getByTestId('create-contact').click();

  await expect(page.getByTestId('create-contact')).toHaveCount(0);
  await expect(page.getByTestId('contact-company')).toHaveText('Clientco');
  await expect(page.getByTestId('lead-score')).toHaveText(/^\d{1,3}$/);
  await expect(page.getByTestId('lifecycle-stage')).toHaveAttribute('data-stage', 'lead');

  expect(await storedContactCount(context)).toBe(1);
  await page.reload();
  await expect(page.getByTestId('contact-email')).toHaveText(carlos.email);
  await expect(page.getByTestId('contact-company')).toHaveText('Clientco');
  await expect(page.getByTestId('create-contact')).toHaveCount(0);
});

test('participants: every external address once, without the user, and a pick changes the card', async ({ context, page }) => {
  await serveGmail(context, { thread: proposal });
  await page.goto(GMAIL_URL + '#inbox/' + proposal.id);

  const participants = page.getByTestId('participant');
  await expect(participants).toHaveCount(3);
  const emails = await participants.evaluateAll((els) => els.map((el) => el.getAttribute('data-email')));
  expect(emails.sort()).toEqual([ana.email, carlos.email, dana.email].sort());
  await expect(page.locator(`[data-testid=participant][data-email="${carlos.email}"]`)).toHaveAttribute('aria-selected', 'true');

  await page.locator(`[data-testid=participant][data-email="${ana.email}"]`).click();
  await expect(page.locator(`[data-testid=participant][data-email="${ana.email}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);

  // Keyboard: arrow keys move the pick too.
  await page.locator(`[data-testid=participant][data-email="${ana.email}"]`).locator('..').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('contact-email')).not.toHaveText(ana.email);
});

test('a sender whose name the webmail shows as the address is listed by the address once', async ({ context, page }) => {
  const noName = { email: 'orders@shopco.example', name: 'orders@shopco.example' };
  const thread: MailThread = { id: '18c0ffee00000002', subject: 'Order', messages: [{ from: noName, to: [SELF] }] };
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  const participant = page.locator(`[data-testid=participant][data-email="${noName.email}"]`);
  await expect(participant).toContainText(noName.email);
  // Once: no name line repeating the address (the avatar's initials are the only other text).
  expect((await participant.textContent())?.split(noName.email)).toHaveLength(2);
});

test('a free-mail correspondent becomes a contact with no company: the field is empty, shown as a dash', async ({ context, page }) => {
  await serveGmail(context, { thread: proposal });
  await page.goto(GMAIL_URL + '#inbox/' + proposal.id);
  await page.locator(`[data-testid=participant][data-email="${dana.email}"]`).click();
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('create-contact')).toHaveCount(0);
  const company = page.getByTestId('contact-company');
  await expect(company).toHaveText('');
  // The dash a reader sees is drawn by CSS, not part of the field's text.
  expect(await company.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"—"');
});

test('SPA thread switch updates the card; the inbox clears it', async ({ context, page }) => {
  await serveGmail(context, {});
  await page.goto(GMAIL_URL + '#inbox');
  await expect(page.getByTestId('sidebar')).toHaveCount(0);

  await openThread(page, proposal);
  await expect(page.getByTestId('contact-email')).toHaveText(carlos.email);

  await openThread(page, renewal);
  await expect(page.getByTestId('contact-email')).toHaveText('marta@otherco.es');
  await expect(page.getByTestId('participant')).toHaveCount(1);

  await openInbox(page);
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await expect(page.getByTestId('contact-email')).toHaveCount(0);
  // Reading threads saved nobody: contacts are created only on the rep's click.
  expect(await storedContactCount(context)).toBe(0);
});

test('a hostile sender name is shown as text and runs no script', async ({ context, page }) => {
  const hostileName = '<img src=x onerror="window.__pwned=1;alert(1)">';
  const hostile: MailThread = {
    id: '18c0bad000000001',
    subject: '<script>window.__pwned=2</script>',
    messages: [{ from: { email: 'mallory@evil.example', name: hostileName }, to: [SELF] }],
  };
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await serveGmail(context, { thread: hostile });
  await page.goto(GMAIL_URL + '#inbox/' + hostile.id);

  await expect(page.getByTestId('contact-name')).toHaveText(hostileName);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-email')).toHaveText('mallory@evil.example');
  await expect(page.getByTestId('create-contact')).toHaveCount(0);
  const fullNameText = await page.getByTestId('contact-name').textContent();
  expect(fullNameText).toBe(hostileName);
  // No element was created from the name inside the sidebar.
  expect(await page.locator('ficha-sidebar').evaluate((host) => host.shadowRoot?.querySelectorAll('img').length)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test('a thread with 200 participants lists them all and stays usable', async ({ context, page }) => {
  const crowd = Array.from({ length: 200 }, (_, i) => ({ email: `Person${i}@Crowd.example`, name: `Person ${i} 🎉 مرحبا` }));
  const big: MailThread = {
    id: '18c0c0ffee000200',
    subject: 'All hands',
    messages: [{ from: ana, to: [SELF, ...crowd.slice(0, 120)] }, { from: carlos, to: crowd.slice(100), cc: [{ email: 'not-an-address', name: 'Broken' }] }],
  };
  await serveGmail(context, { thread: big });
  await page.goto(GMAIL_URL + '#inbox/' + big.id);
  await expect(page.getByTestId('participant')).toHaveCount(202);
  await expect(page.locator('[data-testid=participant][data-email="person199@crowd.example"]')).toHaveCount(1);
  await page.locator('[data-testid=participant][data-email="person150@crowd.example"]').click();
  await expect(page.getByTestId('contact-email')).toHaveText('person150@crowd.example');
  await expect(page.getByTestId('contact-name')).toHaveText('Person 150 🎉 مرحبا');
});
