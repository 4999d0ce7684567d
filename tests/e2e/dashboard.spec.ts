import { readFileSync } from 'node:fs';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe0000000d', subject: 'Order', messages: [{ from: ana, to: [SELF], id: '18c0cafe0000000d' }] };

test('the dashboard shows the funnel, KPIs with formulas, a table view of each chart and CSV export', async ({ context, page, extensionId }, testInfo) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await page.getByTestId('log-email').click();
  await page.getByTestId('lifecycle-stage').selectOption('customer');
  await expect(page.getByTestId('lifecycle-stage')).toHaveAttribute('data-stage', 'customer');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const href = await popup.getByTestId('open-dashboard').getAttribute('href');
  expect(href).toBe(`chrome-extension://${extensionId}/dashboard.html`);

  const dash = await context.newPage();
  await dash.goto(href!);
  await expect(dash.getByTestId('dashboard-total')).toHaveText('1 contact stored on this device');
  const funnel = dash.getByTestId('chart-funnel');
  await expect(funnel.locator('.bars li').filter({ hasText: 'Customer' })).toContainText('1');
  await funnel.getByRole('button', { name: 'Show as table' }).click();
  await expect(funnel.getByRole('row', { name: /Customer/ })).toContainText('1');
  await expect(dash.getByTestId('kpi-revenue-per-customer')).toContainText('—');
  await expect(dash.getByTestId('chart-activity')).toBeVisible();
  await expect(dash.getByTestId('top-contact')).toHaveText('Ana Ruiz');
  // In the table: the name opens the full card, the email the contact's threads in Gmail.
  await expect(dash.getByTestId('top-card')).toHaveAttribute('href', /\/contact\.html\?id=/);
  await expect(dash.getByTestId('top-gmail')).toHaveAttribute('href', /#search\/ana%40clientco\.com$/);

  const download = dash.waitForEvent('download');
  await dash.getByTestId('export-funnel').click();
  const file = testInfo.outputPath('funnel.csv');
  await (await download).saveAs(file);
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('\uFEFFStage,Contacts now,Entered in the period,Conversion'.replace('Stage', 'Lifecycle stage'));
  expect(csv).toMatch(/Customer,1,1,/);
});
