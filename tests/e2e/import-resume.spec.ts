import { writeFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { MAX_IMPORT_CHUNK } from '../../lib/messaging/features/import';
import { expect, storedContactCount, test } from './support/fixtures';

const HEADER = 'First Name,Last Name,Email,Company Name,Lifecycle Stage';
const hubspotFile = (path: string, rows: number) => {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`Name${i},Last${i},person${i}@company${i % 300}.test,Company ${i % 300},Lead`);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
};

/** The contact stored for an address, read in the worker. */
const storedByEmail = (context: BrowserContext, email: string) =>
  context.serviceWorkers()[0]!.evaluate(async (address) => {
    const db = (globalThis as unknown as { ficha: { db: { contacts: { where(i: string): { equals(v: string): { first(): Promise<unknown> } } } } } }).ficha.db;
    return db.contacts.where('emailKeys').equals(address).first();
  }, email);

test('a cancelled import is a marked partial batch holding only whole chunks; resuming with the same file completes it', async ({ context, page, extensionId }, testInfo) => {
  test.setTimeout(180_000);
  const rows = 4 * MAX_IMPORT_CHUNK; // four chunks (CHUNK_ROWS in ImportSection.tsx)
  const file = testInfo.outputPath('big-hubspot.csv');
  hubspotFile(file, rows);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles(file);
  // Cancel as soon as the first chunk is written.
  await expect(page.getByTestId('import-progress')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-cancel').click();

  const summary = page.getByTestId('import-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('alert')).toContainText('Import cancelled');
  const partial = page.getByTestId('import-batch').first();
  await expect(partial).toHaveAttribute('data-status', 'partial');
  const imported = Number(await summary.getAttribute('data-imported'));
  // Whole chunks only, and the batch's count is exactly what is stored: nothing silently half-written.
  expect(imported).toBeGreaterThan(0);
  expect(imported).toBeLessThan(rows);
  expect(imported % MAX_IMPORT_CHUNK).toBe(0);
  expect(await storedContactCount(context)).toBe(imported);

  // Resume: pick the same file again; the chunks already written are skipped, the rest are added.
  const chooser = page.waitForEvent('filechooser');
  await partial.getByTestId('import-resume').click();
  await (await chooser).setFiles(file);
  await expect(summary).toHaveAttribute('data-imported', String(rows), { timeout: 120_000 });
  await expect(summary).toHaveAttribute('data-merged', '0');
  await expect(page.getByTestId('import-batch').first()).toHaveAttribute('data-status', 'done');
  expect(await storedContactCount(context)).toBe(rows);
  expect(await storedByEmail(context, `person${rows - 1}@company${(rows - 1) % 300}.test`)).toMatchObject({ firstName: `Name${rows - 1}`, lastName: `Last${rows - 1}` });
  expect(await storedByEmail(context, 'person0@company0.test')).toMatchObject({ firstName: 'Name0' });

  // The resumed batch is still one batch: undo removes all of it.
  await page.getByTestId('import-undo').click();
  await expect(page.getByTestId('import-undone')).toContainText(`${rows} contacts removed`, { timeout: 60_000 });
  expect(await storedContactCount(context)).toBe(0);
});

test('a saved mapping is reused for the next file with the same columns: no mapping screen the second time', async ({ context, page, extensionId }, testInfo) => {
  const header = 'Cliente;Dirección;Rol interno';
  const first = testInfo.outputPath('crm-a.csv');
  const second = testInfo.outputPath('crm-b.csv');
  writeFileSync(first, `${header}\r\nJosé Peña;jose@pena.es;Gerente\r\nAna Ibáñez;ana@ibanez.es;CFO\r\n`);
  writeFileSync(second, `${header}\r\nLuis Gil;luis@gil.es;Director\r\n`);
  await page.goto(`chrome-extension://${extensionId}/options.html`);

  await page.getByTestId('import-file').setInputFiles(first);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await page.getByTestId('import-map-0').selectOption('fullName');
  await page.getByTestId('import-map-1').selectOption('email');
  await page.getByTestId('import-map-2').selectOption('title');
  await page.getByTestId('import-save-mapping').check();
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '2');

  // Same header set: the saved mapping applies at once.
  await page.getByTestId('import-file').setInputFiles(second);
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '1');
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
  expect(await storedContactCount(context)).toBe(3);
  expect(await storedByEmail(context, 'luis@gil.es')).toMatchObject({ firstName: 'Luis', lastName: 'Gil', title: 'Director' });

  // A file with other columns still gets the mapping screen.
  const other = testInfo.outputPath('crm-c.csv');
  writeFileSync(other, 'Cliente;Dirección\r\nEva;eva@x.es\r\n');
  await page.getByTestId('import-file').setInputFiles(other);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
});
