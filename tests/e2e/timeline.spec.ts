import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, openThread, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana.perez@clientco.com', name: 'Ana Pérez' };
const thread: MailThread = { id: '18c0a1b2c3d4e5f6', subject: 'Proposal for Q1', messages: [{ from: ana, to: [SELF], id: '18c0a1b2c3d4e5f6' }] };

test('log an email once, whatever the clicks or tabs; undo removes it; notes join the timeline', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('timeline')).toBeAttached();
  await expect(page.getByTestId('activity')).toHaveCount(0);

  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  // The focus follows the swapped button (Undo), so a keyboard user keeps their place.
  await expect(page.getByTestId('logged-state').getByRole('button')).toBeFocused();
  await expect(page.getByTestId('activity')).toHaveCount(1);
  await expect(page.getByTestId('activity').first()).toHaveAttribute('data-type', 'email.received');
  await expect(page.getByTestId('activity').first()).toContainText('Proposal for Q1');

  // A second tab on the same thread sees it logged and cannot log it again.
  const second = await context.newPage();
  await second.goto(GMAIL_URL + '#inbox/' + thread.id);
  await expect(second.getByTestId('logged-state')).toBeVisible();
  await expect(second.getByTestId('log-email')).toHaveCount(0);
  await expect(second.getByTestId('activity')).toHaveCount(1);
  await second.close();

  await page.getByTestId('logged-state').getByRole('button').click();
  await expect(page.getByTestId('log-email')).toBeVisible();
  await expect(page.getByTestId('log-email')).toBeFocused();
  await expect(page.getByTestId('activity')).toHaveCount(0);

  // An empty timeline still shows where it is, and says what to do.
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('Nothing logged yet');

  await page.getByTestId('add-note').fill('Wants a demo next week');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByTestId('activity')).toHaveCount(1);
  await expect(page.getByTestId('activity').first()).toHaveAttribute('data-type', 'note.added');
  await expect(page.getByTestId('add-note')).toHaveValue('');
  await expect(page.getByTestId('add-note')).toBeFocused(); // the disabled button does not take the rep's place

  // Enter saves; Shift+Enter starts a new line in the same note.
  await page.getByTestId('add-note').fill('Budget approved');
  await page.getByTestId('add-note').press('Shift+Enter');
  await page.getByTestId('add-note').pressSequentially('for Q3');
  await page.getByTestId('add-note').press('Enter');
  await expect(page.getByTestId('activity')).toHaveCount(2);
  await expect(page.getByTestId('add-note')).toHaveValue('');
});

test('a long timeline renders only the rows in view and scrolls through all of them', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('timeline')).toBeAttached();
  const worker = context.serviceWorkers()[0]!;
  await worker.evaluate(async () => {
    const { ficha } = globalThis as unknown as { ficha: { contacts: { search(q: string, n: number): Promise<{ id: string }[]> }; record: { addNote(id: string, text: string): Promise<unknown> } } };
    const [contact] = await ficha.contacts.search('ana.perez', 1);
    for (let i = 0; i < 300; i++) await ficha.record.addNote(contact!.id, `Note number ${i}`);
  });
  await page.getByTestId('add-note').fill('One more');
  await page.getByRole('button', { name: 'Save note' }).click();

  const list = page.getByTestId('timeline');
  await expect(list).toHaveAttribute('data-virtual', 'true');
  await expect(list).toHaveAttribute('aria-setsize', '301');
  const rendered = await page.getByTestId('activity').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(30);
  await expect(page.getByTestId('activity').first()).toContainText('One more');

  await list.locator('..').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.locator('li').last()).toHaveAttribute('aria-posinset', '301');
  await expect(page.getByTestId('activity').filter({ hasText: 'One more' })).toHaveCount(0);
});

test('auto-log logs this contact’s messages as they are shown, including a new thread', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('log-email')).toBeVisible();
  await page.getByTestId('auto-log').check();
  await expect(page.getByTestId('auto-log')).toBeChecked();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  await expect(page.getByTestId('activity')).toHaveCount(1);

  const followUp: MailThread = { id: '18c0a1b2c3d4ffff', subject: 'Re: Proposal', messages: [{ from: ana, to: [SELF], id: '18c0a1b2c3d4ffff' }] };
  await openThread(page, followUp);
  await expect(page.getByTestId('logged-state')).toBeVisible();
  await expect(page.locator('[data-testid=activity][data-type="email.received"]')).toHaveCount(2);
});

test('the logged state appears once the write committed, with Undo from its first frame; a refused write shows none', async ({ context, page }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('log-email')).toBeEnabled();
  const worker = context.serviceWorkers()[0]!;
  const loggedInWorker = () =>
    worker.evaluate(async () => (await (globalThis as unknown as { ficha: { db: { activities: { where(i: string): { equals(t: string): { count(): Promise<number> } } } } } }).ficha.db.activities.where('type').equals('email.received').count()) > 0);

  // What the logged state says the first time it is in the DOM (a later re-render could hide a wrong first frame).
  const firstFrame = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const root = document.querySelector('ficha-sidebar')!.shadowRoot!;
        const observer = new MutationObserver(() => {
          const state = root.querySelector('[data-testid=logged-state]');
          if (!state) return;
          observer.disconnect();
          resolve(state.textContent ?? '');
        });
        observer.observe(root, { subtree: true, childList: true, characterData: true });
      }),
  );
  await page.getByTestId('log-email').click();
  expect(await firstFrame).toContain('Undo');
  expect(await loggedInWorker()).toBe(true);
  await page.getByTestId('logged-state').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('log-email')).toBeEnabled();
  expect(await loggedInWorker()).toBe(false);

  // A sidebar that has not heard yet that the domain went on the never-log list: the background refuses the write,
  // and the button says why instead of showing a logged state.
  await worker.evaluate(async () => {
    const settings = (globalThis as unknown as { ficha: { db: { settings: { get(k: string): Promise<{ value?: object } | undefined>; put(row: object): Promise<unknown> } } } }).ficha.db.settings;
    const row = await settings.get('settings');
    await settings.put({ key: 'settings', value: { ...row?.value, neverLog: ['clientco.com'] } });
  });
  await page.getByTestId('log-email').click();
  await expect(page.getByRole('alert')).toContainText('Never logged');
  await expect(page.getByTestId('logged-state')).toHaveCount(0);
  expect(await loggedInWorker()).toBe(false);
});

test('with body storage on, a logged email keeps a plain-text copy of its body; with it off, nothing is kept', async ({ context, page }) => {
  const withBody: MailThread = { ...thread, messages: [{ from: ana, to: [SELF], id: '18c0a1b2c3d4e5f6', body: '<p>Could you send the <b>signed</b> quote?</p>' }] };
  await serveGmail(context, { thread: withBody });
  const worker = context.serviceWorkers()[0]!;
  type Ficha = { ficha: { db: { settings: { get(k: string): Promise<{ value?: object } | undefined>; put(row: object): Promise<unknown> }; activities: { toArray(): Promise<{ type: string; data: { body?: string } }[]> } } } };
  const setStoreBodies = (on: boolean) =>
    worker.evaluate(async (storeBodies) => {
      const settings = (globalThis as unknown as Ficha).ficha.db.settings;
      const row = await settings.get('settings');
      await settings.put({ key: 'settings', value: { ...row?.value, storeBodies } });
    }, on);
  const storedBodies = () => worker.evaluate(async () => (await (globalThis as unknown as Ficha).ficha.db.activities.toArray()).filter((a) => a.type === 'email.received').map((a) => a.data.body ?? null));

  await setStoreBodies(true);
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  const [body] = await storedBodies();
  expect(body).toContain('Could you send the signed quote?');
  expect(body).not.toContain('<b>');
  await page.getByTestId('logged-state').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('log-email')).toBeEnabled();

  await setStoreBodies(false);
  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  expect(await storedBodies()).toEqual([null]);
});

test('settings saved in the options page reach a Gmail card already open, without reloading it', async ({ context, page, extensionId }) => {
  const withBody: MailThread = { ...thread, messages: [{ from: ana, to: [SELF], id: '18c0a1b2c3d4e5f6', body: '<p>Please renew for two years.</p>' }] };
  await serveGmail(context, { thread: withBody });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('log-email')).toBeEnabled();

  // The options page in its own tab; the Gmail tab stays open and is never reloaded or re-shown.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('store-bodies').check();
  await expect(options.getByTestId('store-bodies')).toBeChecked();
  await expect(options.getByTestId('store-bodies')).toBeEnabled();
  // The open card's stage control follows a stage-set switch (the background tells the tab to refetch).
  await expect(page.getByTestId('lifecycle-stage').locator('option[value=curiosity]')).toHaveCount(0);
  await options.locator('[data-testid=stage-set][value=relationship]').check();
  await expect(page.getByTestId('lifecycle-stage').locator('option[value=curiosity]')).toHaveCount(1);

  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  const worker = context.serviceWorkers()[0]!;
  const bodies = await worker.evaluate(async () => {
    type Ficha = { ficha: { db: { activities: { toArray(): Promise<{ type: string; data: { body?: string } }[]> } } } };
    return (await (globalThis as unknown as Ficha).ficha.db.activities.toArray()).filter((a) => a.type === 'email.received').map((a) => a.data.body ?? null);
  });
  expect(bodies).toEqual([expect.stringContaining('Please renew for two years.')]);
});
