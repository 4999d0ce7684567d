import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, storedContactCount, test } from './support/fixtures';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
const laura = { email: 'laura.gomez@bigcorp.com', name: 'Laura Gómez' };
const thread: MailThread = { id: '18c0face00000001', subject: 'Pricing', messages: [{ from: laura, to: [SELF], id: '18c0face00000001' }] };

test('a HubSpot export imports through import-file: summary, error report, the contact in Gmail with its stage; undo removes the batch', async ({ context, page, extensionId }, testInfo) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles(fixture('hubspot-contacts.csv'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toHaveAttribute('data-imported', '49');
  await expect(summary).toHaveAttribute('data-merged', '1');
  await expect(summary).toHaveAttribute('data-rejected', '1');
  await expect(summary).toContainText('Imported 49 · merged 1 · rejected 1');
  expect(await storedContactCount(context)).toBe(49);

  const download = page.waitForEvent('download');
  await page.getByTestId('import-errors').click();
  const report = testInfo.outputPath('errors.csv');
  await (await download).saveAs(report);
  const text = readFileSync(report, 'utf8');
  expect(text).toContain('Row,Reason,Record ID');
  expect(text).toContain('52,Not a valid email address: not-an-email');

  await serveGmail(context, { thread });
  const gmail = await context.newPage();
  await gmail.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(gmail.getByTestId('contact-email')).toHaveText(laura.email);
  await expect(gmail.getByTestId('lifecycle-stage')).toHaveAttribute('data-stage', 'opportunity');
  await expect(gmail.getByTestId('contact-company')).toContainText('BigCorp');

  await page.bringToFront();
  await page.getByTestId('import-undo').click();
  await expect(page.getByTestId('import-undone')).toContainText('49 contacts removed');
  expect(await storedContactCount(context)).toBe(0);
  await expect(page.getByTestId('import-batch').first()).toHaveAttribute('data-status', 'undone');
});

test('export to CSV (BOM, ;, neutralised formulas) and import it back gives the same contacts', async ({ context, page, extensionId }, testInfo) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles(fixture('hubspot-contacts.csv'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '49');

  await page.getByTestId('export-semicolon').check();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = testInfo.outputPath('ficha-contacts.csv');
  await (await download).saveAs(file);
  await expect(page.getByTestId('export-done')).toContainText('49 contacts exported');
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\ufeffEmail;Additional email addresses;First Name;Last Name;Company Name')).toBe(true);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);

  // Undo the first import, then import the export: the same 49 contacts come back.
  await page.getByTestId('import-undo').click();
  await expect(page.getByTestId('import-undone')).toBeVisible();
  expect(await storedContactCount(context)).toBe(0);
  await page.getByTestId('import-file').setInputFiles(file);
  const summary = page.getByTestId('import-summary');
  await expect(summary).toHaveAttribute('data-imported', '49');
  await expect(summary).toHaveAttribute('data-rejected', '0');
  expect(await storedContactCount(context)).toBe(49);

  // The hostile name stays text in the sidebar-facing search results.
  await page.getByTestId('privacy-search').fill('evil');
  await expect(page.getByTestId('privacy-person')).toContainText('=HYPERLINK("http://evil.test","click")');
});

test('unknown columns get the mapping screen with a preview; Windows-1252 and ; are decoded', async ({ context, page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles(fixture('unknown-columns-cp1252.csv'));
  const mapping = page.getByTestId('import-mapping');
  await expect(mapping).toBeVisible();
  await expect(mapping).toContainText('windows-1252');
  await expect(page.getByTestId('import-preview')).toContainText('José Peña');
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await page.getByTestId('import-map-0').selectOption('fullName');
  await page.getByTestId('import-map-1').selectOption('email');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '2');
  expect(await storedContactCount(context)).toBe(2);
});

test('a CSV dropped on the import area is imported like a picked one', async ({ context, page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Email,First Name\r\nzoe@drop.test,Zoe\r\nyan@drop.test,Yan\r\n'], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  });
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '2');
  expect(await storedContactCount(context)).toBe(2);
});
