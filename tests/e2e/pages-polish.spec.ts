// The extension's own pages after the UX review: Settings stays open when a card opens from its contact list, each
// undo button says which import it undoes, sync status in Spanish names its state once, the scoring preview's
// sample list stays in its card, dashboard names link to the card inside the table, "no data" is a sentence, and
// export checkboxes keep their words on their line.
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { launchWithExtension } from './support/launch';

type Worker = { ficha: { record: { createFromHeader(input: { email: string; displayName: string }): Promise<{ contact: { id: string } }> } } };
const LONG = 'Bartholomew Featherstonehaugh-Cholmondeley Wolfeschlegelsteinhausenbergerdorff III';

async function seed(context: BrowserContext, people: { email: string; displayName: string }[]) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (list) => {
    const { ficha } = globalThis as unknown as Worker;
    for (const input of list) await ficha.record.createFromHeader(input);
  }, people);
}

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));

test('"Open card" in the Settings contact list opens the card and leaves Settings open', async ({ context, extensionId }) => {
  await seed(context, [{ email: 'ana@clientco.com', displayName: 'Ana Ruiz' }]);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const [card] = await Promise.all([context.waitForEvent('page'), options.getByTestId('popup-open-card').first().click()]);
  await expect(card.getByTestId('contact-name')).toHaveText('Ana Ruiz');
  // window.close() runs right after the tab opens: give it the time it would take.
  await options.waitForTimeout(500);
  expect(options.isClosed()).toBe(false);
  await expect(options.getByTestId('contact-search')).toBeVisible();

  // The popup, which the browser would close anyway once focus leaves it, still closes itself.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const closed = popup.waitForEvent('close');
  await Promise.all([context.waitForEvent('page'), popup.getByTestId('popup-open-card').first().click()]);
  await closed;
});

test('after an import, "Undo import" is one button; the batch list names each undo after its file', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.getByTestId('import-file').setInputFiles(fixture('hubspot-contacts.csv'));
  await expect(page.getByTestId('import-summary')).toHaveAttribute('data-imported', '49');
  await expect(page.getByRole('button', { name: 'Undo import' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Undo import' })).toHaveAttribute('data-testid', 'import-undo');
  const batchUndo = page.getByTestId('import-batch-undo');
  await expect(batchUndo).toHaveText('Undo this import');
  await expect(batchUndo).toHaveAccessibleName(/^Undo this import: hubspot-contacts\.csv, .*\d/);
});

test('export options: each checkbox stays on the line of its words at any width', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId('export-bom')).toBeVisible();
  const apart = (testid: string) =>
    page.getByTestId(testid).evaluate((box) => {
      const text = [...box.parentElement!.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()).at(-1)!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const words = range.getClientRects()[0]!;
      const b = box.getBoundingClientRect();
      // Apart: the words' first line is not the checkbox's line.
      return Math.abs(words.top + words.height / 2 - (b.top + b.height / 2)) > b.height;
    });
  for (let width = 360; width <= 900; width += 15) {
    await page.setViewportSize({ width, height: 800 });
    expect(await apart('export-bom'), `BOM at ${width}px`).toBe(false);
    expect(await apart('export-semicolon'), `semicolon at ${width}px`).toBe(false);
  }
});

test("the scoring preview's sample list stays inside its card with a very long name", async ({ context, extensionId }) => {
  await seed(context, [{ email: 'bart@example.co.uk', displayName: LONG }]);
  const options = await context.newPage();
  await options.setViewportSize({ width: 1100, height: 900 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const preview = options.getByTestId('scoring-preview');
  const select = preview.getByRole('combobox');
  await expect(select).toHaveValue(/.+/);
  const [card, list] = [(await preview.boundingBox())!, (await select.boundingBox())!];
  expect(list.x + list.width).toBeLessThanOrEqual(card.x + card.width);
  expect(await options.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('dashboard: engaged contacts link to their card from the table; "no data" is plain text', async ({ context, extensionId }) => {
  await seed(context, [{ email: 'ana@clientco.com', displayName: 'Ana Ruiz' }]);
  const dash = await context.newPage();
  await dash.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const top = dash.getByTestId('chart-top');
  const name = top.getByRole('row', { name: /Ana Ruiz/ }).getByRole('link', { name: 'Ana Ruiz' });
  await expect(name).toHaveAttribute('data-testid', 'top-card');
  await expect(dash.getByRole('link', { name: /Open card/ })).toHaveCount(0);
  const [card] = await Promise.all([context.waitForEvent('page'), name.click()]);
  await expect(card.getByTestId('contact-name')).toHaveText('Ana Ruiz');

  const kpi = dash.getByTestId('kpi-revenue-per-customer');
  await expect(kpi).toContainText('No data for this period yet.');
  await expect(kpi.locator('code')).toHaveCount(0);
  await expect(dash.locator('.kpi code').first()).toBeAttached(); // figures that have data still show their formula
});

async function connectUnreachable(options: Page) {
  await options.getByTestId('sync-url').fill('http://localhost:1');
  await options.getByTestId('sync-token').fill('ficha_x');
  await options.getByTestId('sync-connect').click();
}

test('sync in Spanish: an unreachable server reads "Sin conexión", its reason once and in Spanish', async () => {
  const { context, extensionId } = await launchWithExtension({ locale: 'es-ES' });
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await connectUnreachable(options);
    const status = options.getByTestId('sync-status');
    await expect(status).toHaveAttribute('data-state', 'offline');
    await expect(status).toContainText('Sin conexión');
    await expect(status).toContainText('0 cambios pendientes');
    await expect(status).toContainText('No se puede contactar con el servidor de sincronización');
    await expect(status).not.toContainText(/Offline|Error de sincronización/);
    await expect(options.getByText(/No se puede contactar/)).toHaveCount(1);
    await expect(options.getByTestId('sync-connect-error')).toHaveCount(0);

    // An address that is not http(s) is refused before any request: that alert is in Spanish too.
    await options.getByTestId('sync-url').fill('ftp://sync.example.com');
    await options.getByTestId('sync-token').fill('ficha_x');
    await options.getByTestId('sync-connect').click();
    await expect(options.getByTestId('sync-connect-error')).toHaveText('Escribe la dirección del servidor, p. ej. https://sync.example.com');
  } finally {
    await context.close();
  }
});

test('the scoring editor names conditions, activities and its refusals in words (Spanish), and a ticked activity is saved', async () => {
  const { context, extensionId } = await launchWithExtension({ locale: 'es-ES' });
  try {
    // Tags the contacts carry and their company's industry, offered to the rules that name them.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async () => {
      type Db = { contacts: { update(id: string, patch: object): Promise<number> }; companies: { put(row: object): Promise<unknown> } };
      const { ficha } = globalThis as unknown as Worker & { ficha: { db: Db } };
      const { contact } = await ficha.record.createFromHeader({ email: 'ana@clientco.com', displayName: 'Ana Ruiz' });
      await ficha.db.contacts.update(contact.id, { tags: ['vip', 'partner'] });
      await ficha.db.companies.put({ domain: 'clientco.com', name: 'Clientco', industry: 'Comercio minorista' });
    });
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const editor = options.getByTestId('scoring-editor');
    const firstFit = editor.getByTestId('scoring-fit').getByTestId('scoring-rule').first();
    await expect(firstFit.locator('select option:checked')).toHaveText('El cargo contiene');
    // No option says an internal id (titleMatches, personaRoleIs…).
    const optionTexts = await editor.locator('select option').allTextContents();
    expect(optionTexts.filter((t) => /^[a-z]+[A-Z]\w*$/.test(t))).toEqual([]);

    // Buying roles are ticked by name too (the first persona rule holds power_sponsor and economic_evaluator).
    const decisionMaker = editor.getByTestId('scoring-fit').locator('[data-rule="fit.persona.decision-maker"] details.cond-types summary');
    await expect(decisionMaker).toHaveText('Evaluador económico, Patrocinador con poder');

    const firstEngagement = editor.getByTestId('scoring-engagement').getByTestId('scoring-rule').first();
    const types = firstEngagement.locator('details.cond-types');
    await expect(types.locator('summary')).toHaveText('Correo enviado');
    await types.locator('summary').click();
    await types.getByLabel('Correo recibido').check();
    await expect(types.locator('summary')).toHaveText('Correo recibido, Correo enviado');

    // "Has a value in" names the card's fields; a country rule names its countries.
    const phoneRule = editor.getByTestId('scoring-fit').locator('[data-rule="fit.profile.phone"]');
    await expect(phoneRule.getByLabel(/: Campo$/).locator('option:checked')).toHaveText('Teléfonos');
    await phoneRule.locator('select').first().selectOption('countryIn');
    await expect(phoneRule.getByTestId('scoring-country-names')).toHaveText('España');
    const codes = phoneRule.locator('input.cond-list');
    await codes.fill('es, mx, zz');
    await codes.blur();
    await expect(phoneRule.getByTestId('scoring-country-names')).toHaveText('España, México, ZZ?');
    await expect(options.getByTestId('scoring-invalid')).toContainText('No es un código de país');
    await codes.fill('es, mx');
    await codes.blur();
    await expect(options.getByTestId('scoring-invalid')).toHaveCount(0);
    await phoneRule.locator('select').first().selectOption('hasTag');
    const known = phoneRule.getByTestId('scoring-known-tags');
    await expect(known.getByRole('button')).toHaveText(['+ partner']); // vip is the new rule's own tag already
    await known.getByRole('button', { name: 'Añadir la etiqueta partner' }).click();
    await expect(phoneRule.locator('input.cond-list')).toHaveValue('vip, partner');
    await expect(known).toHaveCount(0);
    await phoneRule.locator('select').first().selectOption('industryIs');
    await phoneRule.getByTestId('scoring-known-industries').getByRole('button', { name: 'Añadir el sector Comercio minorista' }).click();
    await expect(phoneRule.locator('input.cond-list')).toHaveValue('software, Comercio minorista');

    // A refusal says where by the labels on screen and why in Spanish, never by the schema's ids.
    const fitB = editor.getByLabel('Encaje B desde');
    const fitBWas = await fitB.inputValue();
    await fitB.fill('95');
    const invalid = options.getByTestId('scoring-invalid');
    await expect(invalid.locator('li')).toHaveText(/^Encaje B desde: El umbral del encaje B \(95\) debe ser menor que el del encaje A \(\d+\)\.$/);
    await expect(editor.getByTestId('scoring-error')).toHaveText(/debe ser menor que el del encaje A/);
    await expect(options.getByTestId('scoring-save')).toBeDisabled();
    await fitB.fill(fitBWas);
    await expect(invalid).toHaveCount(0);

    await options.getByTestId('scoring-save').click();
    await expect(options.getByTestId('rescore-status')).toHaveAttribute('data-state', 'done');
    await options.reload();
    await expect(editor.getByTestId('scoring-engagement').getByTestId('scoring-rule').first().locator('details.cond-types summary')).toHaveText('Correo recibido, Correo enviado');
  } finally {
    await context.close();
  }
});
