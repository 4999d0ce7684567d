// The popup opens a contact's full card; the dashboard filters by owner and tag, and a reload keeps the view.
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './support/fixtures';

type Worker = { ficha: { record: { createFromHeader(input: { email: string; displayName: string }): Promise<{ contact: { id: string } }> }; db: { contacts: { update(id: string, changes: object): Promise<number> } } } };

/** Three contacts with owners and tags, written in the worker as the rep's edits would leave them. */
async function seed(context: BrowserContext) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async () => {
    const { ficha } = globalThis as unknown as Worker;
    const people = [
      { email: 'ana@clientco.com', displayName: 'Ana Ruiz', owner: 'rep1@team.example', tags: ['vip'] },
      { email: 'bo@otherco.com', displayName: 'Bo Díaz', owner: 'rep1@team.example', tags: [] },
      { email: 'cy@thirdco.com', displayName: 'Cy Núñez', owner: 'rep2@team.example', tags: ['vip'] },
    ];
    for (const { owner, tags, ...input } of people) {
      const { contact } = await ficha.record.createFromHeader(input);
      await ficha.db.contacts.update(contact.id, { owner, tags });
    }
  });
}

test('the dashboard filters every figure by owner and tag, and the URL keeps the view', async ({ context, extensionId }) => {
  await seed(context);
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html`);
  await expect(dash.getByTestId('dashboard-total')).toHaveText('3 contacts stored on this device');

  await dash.getByTestId('dashboard-owner').selectOption('rep1@team.example');
  await expect(dash.getByTestId('dashboard-total')).toHaveText('2 contacts stored on this device');
  await expect(dash.getByTestId('top-contact')).toHaveCount(2);
  await expect(dash.getByTestId('top-contact').filter({ hasText: 'Cy Núñez' })).toHaveCount(0);
  await dash.getByTestId('dashboard-tag').selectOption('vip');
  await expect(dash.getByTestId('dashboard-total')).toHaveText('1 contact stored on this device');
  await dash.getByTestId('dashboard-period').selectOption('30');
  expect(new URL(dash.url()).search).toBe('?days=30&owner=rep1%40team.example&tag=vip');

  await dash.reload();
  await expect(dash.getByTestId('dashboard-total')).toHaveText('1 contact stored on this device');
  await expect(dash.getByTestId('dashboard-owner')).toHaveValue('rep1@team.example');
  await expect(dash.getByTestId('dashboard-tag')).toHaveValue('vip');
  await expect(dash.getByTestId('dashboard-period')).toHaveValue('30');
  await expect(dash.getByTestId('top-contact')).toHaveText(['Ana Ruiz']);

  // From the dashboard, the full card is one click away too.
  const [card] = await Promise.all([context.waitForEvent('page'), dash.getByTestId('top-card').click()]);
  await expect(card.getByTestId('full-card')).toBeVisible();
  await expect(card.getByTestId('contact-name')).toHaveText('Ana Ruiz');
});

test('the popup opens the full card of a search result and of a recent contact', async ({ context, extensionId }) => {
  await seed(context);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // No team server set up: the popup says the contacts stay in this browser.
  await expect(popup.getByTestId('popup-local-only')).toHaveText('Local only: your contacts stay in this browser (team sync is off).');
  await expect(popup.getByTestId('popup-sync-status')).toHaveCount(0);
  await popup.getByTestId('contact-search').fill('nunez');
  await expect(popup.getByTestId('search-result')).toHaveCount(1);
  const [card] = await Promise.all([context.waitForEvent('page'), popup.getByRole('link', { name: 'Open card: Cy Núñez' }).click()]);
  await expect(card).toHaveURL(/\/contact\.html\?id=/);
  await expect(card.getByTestId('full-card')).toBeVisible();
  await expect(card.getByTestId('contact-name')).toHaveText('Cy Núñez');
  await expect(card.getByTestId('contact-email')).toHaveText('cy@thirdco.com');
  await expect(card.getByTestId('timeline')).toBeAttached();

  const again = await context.newPage();
  await again.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(again.getByTestId('search-result')).toHaveCount(3);
  const [recent] = await Promise.all([context.waitForEvent('page'), again.getByTestId('popup-open-card').first().click()]);
  await expect(recent.getByTestId('full-card')).toBeVisible();

  const missing = await context.newPage();
  await missing.goto(`chrome-extension://${extensionId}/contact.html?id=nobody`);
  await expect(missing.getByTestId('full-card-missing')).toContainText('no longer exists');
});
