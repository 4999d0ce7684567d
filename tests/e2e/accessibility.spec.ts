import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const ana = { email: 'ana@clientco.com', name: 'Ana Ruiz' };
const thread: MailThread = { id: '18c0cafe0000000e', subject: 'Accessibility', messages: [{ from: ana, to: [SELF], id: '18c0cafe0000000e' }] };

/** Serious and critical axe violations, summarised so a failure says what and where. */
async function seriousViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('sidebar, popup, options and dashboard have no serious or critical axe violations', async ({ context, page, extensionId }) => {
  test.setTimeout(120_000);
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  await page.getByTestId('lead-score').click();
  await expect(page.getByTestId('score-explanation')).toBeVisible();
  await expect(page.getByTestId('cta-template').first()).toBeVisible();
  // Only our sidebar: Gmail's own markup is not ours to judge.
  expect(await seriousViolations(page, 'ficha-sidebar')).toEqual([]);

  for (const path of ['popup.html', 'options.html', 'dashboard.html']) {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/${path}`);
    await ext.waitForLoadState('networkidle');
    if (path === 'dashboard.html') await ext.getByTestId('dashboard').waitFor();
    if (path === 'options.html') await ext.getByTestId('template-row').first().waitFor();
    expect(await seriousViolations(ext), path).toEqual([]);
    await ext.close();
  }
});
