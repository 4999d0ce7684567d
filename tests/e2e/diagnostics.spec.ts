// Options › Diagnostics: after a Gmail page whose sender chips lost their class, the view lists the page with the
// fallback used; the copied report holds no address or name; Clear empties it. Nothing leaves the browser.
import type { MailThread } from './support/gmail-dom';
import { esc, gmailPageHtml, SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, test } from './support/fixtures';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const thread: MailThread = { id: '18c0d1a9000000aa', subject: 'Pricing questions', messages: [{ from: ana, to: [SELF] }] };

test('a Gmail page seen, then options lists which selectors matched; copy report without personal data; clear', async ({ context, page, extensionId }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // Gmail dropped the sender chip's class: the sender is found through a fallback (`h3.iw span[email]`).
  const drifted = gmailPageHtml({ thread }).replaceAll(`class="gD" email="${esc(ana.email)}"`, `email="${esc(ana.email)}"`);
  expect(drifted).not.toEqual(gmailPageHtml({ thread }));
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: drifted }));
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const view = options.getByTestId('diagnostics-view');
  await expect(view).toBeVisible();
  // The page is recorded once it has been quiet for a moment; the view follows storage live.
  const row = view.locator('[data-testid=diagnostics-row][data-site=gmail]').first();
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row).toHaveAttribute('data-health', 'thread');
  await expect(row.getByTestId('diagnostics-fallbacks')).toContainText('sender (#2)');
  await expect(row).not.toContainText('@');
  await expect(view.getByRole('heading', { name: 'Gmail' })).toBeVisible();

  await view.getByTestId('diagnostics-copy').click();
  await expect(view.getByTestId('diagnostics-status')).toHaveText('Report copied to the clipboard.');
  const report = JSON.parse(await options.evaluate(() => navigator.clipboard.readText())) as { pages: { site: string; fallbacks: string[] }[] };
  expect(report.pages[0]).toMatchObject({ site: 'gmail', fallbacks: expect.arrayContaining(['sender']) });
  const text = JSON.stringify(report);
  for (const personal of [ana.email, 'Ana', SELF.email, 'Rita', thread.id, thread.subject]) expect(text).not.toContain(personal);

  await view.getByTestId('diagnostics-clear').click();
  await expect(view.getByTestId('diagnostics-row')).toHaveCount(0);
  await expect(view.getByTestId('diagnostics-empty')).toBeVisible();
  expect(requests.filter((url) => !url.startsWith('https://mail.google.com/') && !url.startsWith('chrome-extension://'))).toEqual([]);
});
