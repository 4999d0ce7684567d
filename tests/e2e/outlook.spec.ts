import { SELF } from './support/gmail-dom';
import { expect, storedContactCount, test } from './support/fixtures';
import {
  addRecipient,
  composeHtml,
  openCompose,
  openConversation,
  OUTLOOK_URL,
  type OutlookConversation,
  outlookPageHtml,
  removeRecipient,
  serveOutlook,
} from './support/outlook-dom';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const carlos = { email: 'carlos@clientco.com', name: 'Carlos Díaz' };
const dana = { email: 'dana@gmail.com', name: 'Dana Lee' };
const marta = { email: 'marta@otherco.es', name: 'Marta Ruiz' };

const proposal: OutlookConversation = {
  id: 'AAQkADQ3-proposal',
  subject: 'Proposal for Q1',
  messages: [
    { from: ana, to: [SELF], cc: [carlos] },
    { from: SELF, to: [ana, carlos] },
    { from: carlos, to: [SELF, ana], cc: [dana] },
  ],
};
const renewal: OutlookConversation = { id: 'AAQkADQ3-renewal', subject: 'Renewal', messages: [{ from: marta, to: [SELF] }] };

test('Outlook conversation → card of the last external sender; create contact; participants without the user', async ({ context, page }) => {
  await serveOutlook(context, { conversation: proposal });
  await page.goto(OUTLOOK_URL + 'inbox/id/' + proposal.id);

  await expect(page.getByTestId('sidebar')).toBeVisible();
  await expect(page.getByTestId('contact-email')).toHaveText(carlos.email);
  const emails = await page.getByTestId('participant').evaluateAll((els) => els.map((el) => el.getAttribute('data-email')));
  expect(emails.sort()).toEqual([ana.email, carlos.email, dana.email].sort());

  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('contact-company')).toHaveText('Clientco');
  expect(await storedContactCount(context)).toBe(1);
});

test('Outlook SPA switch to another conversation updates the card, and an empty reading pane clears it', async ({ context, page }) => {
  await serveOutlook(context, {});
  await page.goto(OUTLOOK_URL + 'inbox');
  await expect(page.getByTestId('sidebar')).toHaveCount(0);

  await openConversation(page, proposal);
  await expect(page.getByTestId('contact-email')).toHaveText(carlos.email);
  await openConversation(page, renewal);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await expect(page.getByTestId('participant')).toHaveCount(1);

  await page.evaluate(() => {
    const pane = document.getElementById('ReadingPaneContainerId');
    if (pane) pane.textContent = 'Select an item to read';
  });
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
});

test('Outlook compose: recipients as they are added and removed → card', async ({ context, page }) => {
  await serveOutlook(context, {});
  await page.goto(OUTLOOK_URL + 'inbox');
  await openCompose(page, 'draft-1');
  await expect(page.getByTestId('sidebar')).toBeVisible();
  await expect(page.getByTestId('participant')).toHaveCount(0);

  await page.locator('#compose-draft-1 [data-well=to]').focus();
  await addRecipient(page, 'draft-1', 'to', marta);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await addRecipient(page, 'draft-1', 'cc', ana);
  await expect(page.getByTestId('participant')).toHaveCount(2);

  await removeRecipient(page, marta.email);
  await expect(page.getByTestId('participant')).toHaveCount(1);
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
});

test('Outlook pop-out compose window (/mail/deeplink/compose) shows its recipients', async ({ context, page }) => {
  await serveOutlook(context, { readingPane: composeHtml('popout-1', [dana], [SELF]) });
  await page.goto(OUTLOOK_URL + 'deeplink/compose');
  await expect(page.getByTestId('contact-email')).toHaveText(dana.email);
  await expect(page.getByTestId('participant')).toHaveCount(1);
});

test('no sidebar outside mail paths (calendar) on Outlook hosts', async ({ context, page }) => {
  await context.route('https://outlook.office.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: outlookPageHtml({ conversation: renewal }) }),
  );
  await page.goto('https://outlook.office.com/calendar/view/week');
  await page.waitForTimeout(500);
  await expect(page.locator('ficha-sidebar')).toHaveCount(0);
});

test('calendar → Mail in the same page (no reload) gets the sidebar; back to the calendar hides it', async ({ context, page }) => {
  await context.route('https://outlook.office.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: outlookPageHtml({ conversation: renewal }) }),
  );
  await page.goto('https://outlook.office.com/calendar/view/week');
  await page.waitForTimeout(300);
  await expect(page.locator('ficha-sidebar')).toHaveCount(0);

  // Outlook's module switch is a history.pushState in the page's own world; `/mail` without a slash counts too.
  await page.evaluate(() => history.pushState({}, '', '/mail'));
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  // Only the path changes (the test page keeps its DOM): the move itself is read, both ways, more than once.
  await page.evaluate(() => history.pushState({}, '', '/calendar/view/month'));
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await page.evaluate(() => history.pushState({}, '', '/mail/inbox'));
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await page.goBack();
  await expect(page.getByTestId('sidebar')).toHaveCount(0);
  await expect(page.locator('ficha-sidebar')).toHaveCount(1);
});

test('Outlook compose: a CTA for the recipient is inserted into the compose form the rep was typing in', async ({ context, page }) => {
  await serveOutlook(context, {});
  await page.goto(OUTLOOK_URL + 'inbox');
  await openCompose(page, 'draft-2', [ana]);
  // A second, docked draft: the insert must not go there.
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', `<div id="docking_InitVisiblePart_9" style="position:fixed;left:0;bottom:0;width:300px">${html}</div>`), composeHtml('docked-9'));
  const editor = page.locator('#compose-draft-2 [aria-multiline=true]');
  await editor.click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  await page.getByTestId('create-contact').click();

  await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
  await expect(editor).toContainText('Ana');
  await expect(page.locator('#compose-docked-9 [aria-multiline=true]')).toHaveText('Hi,');
});

test('local diagnostics: fallbacks used and an unrecognised page are recorded in storage.local, nothing sent', async ({ context, page }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  // Outlook without item ids or test ids: found through the aria-structure fallbacks.
  const drifted = outlookPageHtml({ conversation: renewal }).replace(/ id="MSG_[^"]*"/g, '').replace(/ data-testid="RecipientWell"/g, '');
  await context.route('https://outlook.office.com/**', (route) => route.fulfill({ contentType: 'text/html', body: drifted }));
  await page.goto(OUTLOOK_URL + 'inbox/id/' + renewal.id);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  type Entry = { health: string; fallbacks: string[] };
  const entries = () =>
    worker.evaluate(async () => {
      const { storage } = (globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome;
      return ((await storage.local.get('diagnostics.pages'))['diagnostics.pages'] ?? []) as Entry[];
    });
  await expect.poll(async () => (await entries())[0], { timeout: 10_000 }).toMatchObject({ health: 'thread', fallbacks: expect.arrayContaining(['sender', 'recipientWell']) });

  // A redesigned page where nothing is recognisable.
  await page.evaluate(() => {
    document.body.textContent = '';
    document.body.append(Object.assign(document.createElement('div'), { textContent: 'Outlook, redesigned' }));
  });
  await expect.poll(async () => (await entries())[0]?.health, { timeout: 10_000 }).toBe('unrecognised');
  expect(requests.filter((url) => !url.startsWith('https://outlook.office.com/') && !url.startsWith('chrome-extension://'))).toEqual([]);
});

test('the other Outlook hosts get the sidebar too (outlook.live.com, outlook.cloud.microsoft)', async ({ context, page }) => {
  for (const host of ['https://outlook.live.com', 'https://outlook.cloud.microsoft']) {
    await context.route(`${host}/**`, (route) => route.fulfill({ contentType: 'text/html', body: outlookPageHtml({ conversation: renewal }) }));
    await page.goto(`${host}/mail/0/inbox/id/${renewal.id}`);
    await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  }
});

test('Outlook reading-pane reply: a CTA goes in at the caret, and Ctrl+Z takes it out', async ({ context, page }) => {
  await serveOutlook(context, {});
  await page.goto(OUTLOOK_URL + 'inbox');
  await openConversation(page, renewal);
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await page.getByTestId('create-contact').click();
  // The inline reply Outlook opens under the conversation (its own form, without recipient wells here).
  await page.evaluate(() => {
    const reply = document.createElement('div');
    reply.innerHTML = '<div contenteditable="true" role="textbox" aria-multiline="true" aria-label="Message body" id="inline-reply">Thanks. Regards</div>';
    document.querySelector('[data-app-section=ConversationContainer]')?.append(reply);
  });
  const reply = page.locator('#inline-reply');
  await reply.evaluate((el) => {
    el.focus();
    const range = document.createRange();
    range.setStart(el.firstChild!, 'Thanks.'.length);
    range.collapse(true);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
  });
  await expect(page.getByTestId('contact-email')).toHaveText(marta.email);
  await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
  await expect(reply).toContainText('Marta');
  const text = (await reply.innerText()).replace(/\u00a0/g, ' ');
  expect(text.startsWith('Thanks.')).toBe(true);
  expect(text.trimEnd().endsWith('Regards')).toBe(true);
  await page.keyboard.press('Control+z');
  await expect(reply).toHaveText('Thanks. Regards');
});
