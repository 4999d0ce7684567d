import { expect, GMAIL_URL, test } from './support/fixtures';

// A Gmail page whose markup Ficha does not know (as after a redesign): a message is shown, no sender can be read.
const CHANGED_GMAIL = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox - rep@acme-sales.com - Gmail</title></head>
<body><div role="banner">Gmail</div><div role="main"><div role="list"><div role="listitem" aria-expanded="true">
<div data-message-id="#msg-f:1" data-legacy-message-id="18c0aaaa00000001"><b>Someone new</b><p>Body</p></div></div></div></div></body></html>`;

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
});
