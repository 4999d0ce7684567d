import { expect, GMAIL_URL, test } from './support/fixtures';

// A Gmail page whose markup Ficha does not know (as after a redesign): a message is shown, no sender can be read.
// Its Reply link is still the usual one, and says when it is clicked.
const CHANGED_GMAIL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox - rep@acme-sales.com - Gmail</title></head>
<body><div role="banner">Gmail</div><div role="main"><div role="list"><div role="listitem" aria-expanded="true">
<div data-message-id="#msg-f:1" data-legacy-message-id="18c0aaaa00000001"><b>Someone new</b><p>Body</p></div>
<span class="ams bkH" role="link" onclick="document.body.dataset.replied = 'yes'">Reply</span></div></div></div></body></html>`;

test('an unrecognised mail page degrades to a "Find a contact" search instead of guessing', async ({ context, page, extensionId }) => {
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${extensionId}/popup.html`);
  await setup.evaluate(() => chrome.runtime.sendMessage({ type: 'contacts.create', input: { email: 'ana.ruiz@clientco.com', displayName: 'Ana Ruiz' } }));
  await setup.close();

  await context.route('https://mail.google.com/**', (r) => r.fulfill({ contentType: 'text/html', body: CHANGED_GMAIL }));
  await page.goto(GMAIL_URL + '#inbox/18c0aaaa00000001');
  const search = page.getByTestId('find-contact');
  await expect(search).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('participant')).toHaveCount(0);
  await search.fill('ruiz');
  await expect(page.getByTestId('find-contact-result')).toHaveCount(1);
  await expect(page.getByTestId('find-contact-result')).toContainText('ana.ruiz@clientco.com');

  // A result opens the contact's card (nothing to log: the page's email cannot be read); back keeps the query.
  await page.getByTestId('find-contact-result').getByRole('button').click();
  await expect(page.getByTestId('contact-name')).toHaveText('Ana Ruiz');
  await expect(page.getByTestId('find-contact-back')).toBeFocused(); // not lost to the page with the result button
  await expect(page.getByTestId('lifecycle-stage')).toBeVisible();
  await expect(page.getByTestId('log-email')).toHaveCount(0);
  // The open message may be someone else's: Insert never opens a reply to it, it asks for an open editor.
  await page.getByTestId('cta-insert').first().click();
  await expect(page.getByTestId('cta-status')).toHaveText(/No reply is open/);
  expect(await page.evaluate(() => document.body.dataset.replied ?? 'no')).toBe('no');
  await page.getByTestId('find-contact-back').click();
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('ruiz');
  await expect(page.getByTestId('find-contact-result')).toHaveCount(1);

  // This state can be hidden and shown like the card.
  await page.getByRole('button', { name: 'Hide the record card' }).click();
  await expect(search).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the record card' }).click();
  await expect(search).toBeVisible();

  // Deleted from the found card: back to the results, which say so, instead of offering to create it again.
  await search.fill('ruiz');
  await page.getByTestId('find-contact-result').getByRole('button').click();
  await page.getByTestId('contact-delete').click();
  await page.getByTestId('contact-delete-confirm').click();
  await expect(search).toBeVisible();
  await expect(page.getByText('That contact no longer exists')).toBeVisible();
  await expect(page.getByTestId('create-contact')).toHaveCount(0);
  await expect(page.getByTestId('find-contact-result')).toHaveCount(0);
});
