import { readFileSync, writeFileSync } from 'node:fs';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe00000009', subject: 'Renewal', messages: [{ from: ana, to: [SELF], id: '18c0cafe00000009' }] };

test('templates are created with a live preview, validated, reordered, duplicated, deleted and offered in the sidebar', async ({ context, page, extensionId }) => {
  const options = page;
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const manager = options.getByTestId('templates-manager');
  await expect(manager.getByTestId('template-row').first()).toBeVisible();
  const shipped = await manager.getByTestId('template-row').count();
  expect(shipped).toBeGreaterThanOrEqual(16);

  // Your details feed {{sender.firstName}}.
  await options.getByTestId('sender-first-name').fill('Rita');
  await options.getByTestId('sender-save').click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await manager.getByTestId('template-new').click();
  await manager.getByTestId('template-name').fill('Case study');
  await manager.getByTestId('template-body').fill('Hi {{contact.fristName}}, a case study for {{contact.company}}. {{sender.firstName}}');
  await manager.getByTestId('template-save').click();
  await expect(manager.locator('[data-testid=template-error][data-field=body]')).toContainText('Unknown merge field {{contact.fristName}}');

  await manager.getByTestId('template-body').fill('Hi {{contact.firstName}}, a case study for {{contact.title}}. {{sender.firstName}}');
  const preview = manager.getByTestId('template-preview');
  // The sample contact has a title; the preview renders it with the rep's own name.
  await expect(preview).toContainText('Hi Ana, a case study for CTO. Rita');
  await manager.getByTestId('template-save').click();
  await expect(manager.getByTestId('template-row')).toHaveCount(shipped + 1);
  const rows = manager.getByTestId('template-row');
  await expect(rows.last()).toContainText('Case study');

  // Reorder with the keyboard-reachable buttons: up once.
  await rows.last().getByTestId('template-up').click();
  await expect(rows.nth(shipped - 1)).toContainText('Case study');
  await rows.nth(shipped - 1).getByTestId('template-duplicate').click();
  await expect(rows.nth(shipped)).toContainText('Case study (copy)');
  await rows.nth(shipped).getByTestId('template-delete').click();
  await rows.nth(shipped).getByTestId('template-delete-confirm').click();
  await expect(manager.getByTestId('template-row')).toHaveCount(shipped + 1);

  // The sidebar offers it for a contact; with no title on record it is blocked with the reason.
  await serveGmail(context, { thread });
  const gmail = await context.newPage();
  await gmail.goto(GMAIL_URL + '#inbox/' + thread.id);
  await gmail.getByTestId('create-contact').click();
  await gmail.getByTestId('cta-search').fill('case study');
  await expect(gmail.getByTestId('cta-template')).toHaveCount(1);
  await expect(gmail.getByTestId('cta-blocked')).toContainText('contact.title');
});

test('templates export to JSON and import back; a bad file is refused with the reason and changes nothing', async ({ page, extensionId }, testInfo) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const manager = page.getByTestId('templates-manager');
  await expect(manager.getByTestId('template-row').first()).toBeVisible();
  const count = await manager.getByTestId('template-row').count();

  const download = page.waitForEvent('download');
  await manager.getByTestId('templates-export').click();
  const file = testInfo.outputPath('templates.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { format: string; templates: { name: string }[] };
  expect(exported.format).toBe('ficha.templates');
  expect(exported.templates).toHaveLength(count);

  const bad = testInfo.outputPath('bad.json');
  writeFileSync(bad, JSON.stringify({ ...exported, templates: [{ ...exported.templates[0], body: 'Hi {{contact.nickname}}' }] }));
  await manager.getByTestId('templates-import').setInputFiles(bad);
  await expect(manager.getByTestId('templates-import-error')).toContainText('templates.0.body: Unknown merge field {{contact.nickname}}');
  await expect(manager.getByTestId('template-row')).toHaveCount(count);

  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, '{"format": "ficha.templates", ');
  await manager.getByTestId('templates-import').setInputFiles(broken);
  await expect(manager.getByTestId('templates-import-error')).toContainText('Not a JSON file');

  const one = testInfo.outputPath('one.json');
  writeFileSync(one, JSON.stringify({ format: 'ficha.templates', version: 1, templates: [{ name: 'Imported one', language: 'en', body: 'Hello {{contact.firstName | default: "there"}}' }] }));
  await manager.getByTestId('templates-import').setInputFiles(one);
  await expect(manager.getByTestId('templates-import-done')).toContainText('1 template imported');
  await expect(manager.getByTestId('template-row')).toHaveCount(count + 1);
});
