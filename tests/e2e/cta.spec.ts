import type { Page } from '@playwright/test';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';
import { openComposeDialog } from './support/gmail-compose-dom';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe00000001', subject: 'Your trial', messages: [{ from: ana, to: [SELF], id: '18c0cafe00000001' }] };
const DRAFT = 'Thanks for your note. Best regards';
const editor = (page: Page) => page.locator('div.Am.Al.editable');

async function openKnownContact(page: Page, context: Parameters<typeof serveGmail>[0], t: MailThread = thread) {
  await serveGmail(context, { thread: t });
  await page.goto(GMAIL_URL + '#inbox/' + t.id);
  await page.getByTestId('create-contact').click();
  await expect(page.getByTestId('cta-template').first()).toBeVisible();
}

/** Puts the caret after `offset` characters of the editor's text, as a click there would. */
async function caretAt(page: Page, offset: number) {
  await editor(page).evaluate((el, at) => {
    const text = el.firstChild as Text;
    el.focus();
    const range = document.createRange();
    range.setStart(text, at);
    range.collapse(true);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
  }, offset);
}

test('inserts the rendered template at the caret in the middle of a draft; Ctrl+Z takes it out', async ({ context, page }) => {
  await openKnownContact(page, context);
  const first = page.getByTestId('cta-template').first();
  const preview = (await first.getByTestId('cta-preview').innerText()).trim();
  expect(preview).toContain('Ana');
  // Every button reads "Insert"; its description names the template, for a screen reader.
  const name = (await first.locator('strong').first().innerText()).trim();
  await expect(first.getByTestId('cta-insert')).toHaveAccessibleName('Insert');
  await expect(first.getByTestId('cta-insert')).toHaveAccessibleDescription(name);

  await caretAt(page, 'Thanks for your note.'.length);
  await first.getByTestId('cta-insert').click();
  await expect(first.getByTestId('cta-status')).toHaveText(/Inserted/);

  const text = (await editor(page).innerText()).replace(/\u00a0/g, ' ');
  expect(text.startsWith('Thanks for your note.')).toBe(true);
  expect(text.endsWith(' Best regards')).toBe(true);
  expect(text.replace(/\s+/g, ' ')).toContain(preview.split('\n')[0]!.trim());
  // The CTA link is a real link with campaign parameters.
  await expect(editor(page).locator('a[href*="utm_source=ficha"]')).toHaveCount(1);
  // The rest of the draft is intact and the caret sits after the insertion: typing continues there.
  await page.keyboard.type('XYZ');
  expect((await editor(page).innerText()).replace(/\s+/g, ' ')).toMatch(/XYZ\s+Best regards$/);

  // The editor's own undo. Chromium may split the typed keys into more than one step on a busy machine,
  // so those are undone first; then exactly one more step takes the whole insertion out.
  for (let i = 0; i < 3 && (await editor(page).innerText()).includes('X'); i++) await page.keyboard.press('Control+z');
  await expect(editor(page)).not.toContainText('X');
  await expect(editor(page)).toContainText(preview.split('\n')[0]!.trim().slice(0, 20));
  await page.keyboard.press('Control+z');
  await expect(editor(page)).toHaveText(DRAFT);

  // The insert is on the timeline.
  await expect(page.locator('[data-testid=activity][data-type="cta.inserted"]')).toHaveCount(1);
});

test('a new email gets the template subject when its subject is empty, never over one already typed', async ({ context, page }) => {
  await openKnownContact(page, context);
  await openComposeDialog(page, 'c1', [ana]);
  await page.locator('#compose-c1 [role=textbox]').click();
  await expect(page.getByTestId('contact-email')).toHaveText(ana.email);
  const first = page.getByTestId('cta-template').first();
  const subject = (await first.locator('.ficha-cta-subject').innerText()).trim();
  expect(subject.length).toBeGreaterThan(0);
  await first.getByTestId('cta-insert').click();
  const compose = page.locator('#compose-c1 [role=textbox]');
  await expect(compose).toContainText('Ana');
  const subjectBox = page.locator('#compose-c1 input[name=subjectbox]');
  await expect(subjectBox).toHaveValue(subject);
  await expect(editor(page).first()).toHaveText(DRAFT); // the thread's inline reply was not touched

  await subjectBox.fill('My own subject');
  await compose.click();
  await first.getByTestId('cta-insert').click();
  await expect(subjectBox).toHaveValue('My own subject');
});

test('opens the reply when no editor is open, then inserts into it', async ({ context, page }) => {
  await openKnownContact(page, context);
  await page.evaluate(() => {
    document.querySelector('.ip.adB')?.remove();
    const reply = document.createElement('span');
    reply.className = 'ams bkH';
    reply.setAttribute('role', 'link');
    reply.textContent = 'Reply';
    // Gmail renders the reply editor a moment after the click.
    reply.addEventListener('click', () =>
      setTimeout(() => {
        const box = document.createElement('div');
        box.innerHTML = '<div class="Am Al editable" id="reply" contenteditable="true" role="textbox" g_editable="true"></div>';
        document.querySelector('[data-view=thread] [role=main]')?.append(box);
      }, 100),
    );
    document.querySelector('[data-view=thread] [role=main]')?.append(reply);
  });
  await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
  await expect(page.locator('#reply')).toContainText('Ana');
});

test('hostile contact data is inserted as literal text, never as markup', async ({ context, page }) => {
  const hostile = { email: 'evil@clientco.com', name: '<img src=x onerror=alert(1)> <b>Bold</b>' };
  await openKnownContact(page, context, { id: '18c0cafe00000002', subject: 'Hi', messages: [{ from: hostile, to: [SELF], id: '18c0cafe00000002' }] });
  await expect(page.getByTestId('contact-name')).toContainText('<img');
  await caretAt(page, 0);
  await page.getByTestId('cta-search').fill('value');
  await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
  await expect(editor(page)).toContainText('Hi <img,');
  await expect(editor(page).locator('img, b, script')).toHaveCount(0);
});

test('a template with a field the contact lacks is highlighted and cannot be inserted', async ({ context, page }) => {
  await openKnownContact(page, context);
  const worker = context.serviceWorkers()[0]!;
  await worker.evaluate(() =>
    (globalThis as unknown as { ficha: { templates: { save(t: unknown): Promise<unknown> } } }).ficha.templates.save({
      name: 'Needs a title',
      language: 'en',
      stages: ['lead'],
      body: 'As {{contact.title}} you will like this.',
    }),
  );
  await page.reload();
  await page.getByTestId('cta-search').fill('needs a title');
  const item = page.getByTestId('cta-template');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('cta-missing')).toHaveText('{{contact.title}}');
  await expect(item.getByTestId('cta-blocked')).toContainText('contact.title');
  await expect(item.getByTestId('cta-insert')).toBeDisabled();
  await expect(editor(page)).toHaveText(DRAFT);
});

test('Alt+Shift+K in the editor opens the picker; Escape goes back to the caret', async ({ context, page }) => {
  await openKnownContact(page, context);
  await page.getByRole('button', { name: 'Hide the record card' }).click();
  await caretAt(page, 6);
  await page.keyboard.press('Alt+Shift+K');
  await expect(page.getByTestId('cta-search')).toBeFocused();
  await page.keyboard.type('trial');
  await expect(page.getByTestId('cta-template').first()).toContainText('trial');
  await page.keyboard.press('Escape');
  await page.keyboard.type('!');
  await expect(editor(page)).toHaveText('Thanks! for your note. Best regards');
});
