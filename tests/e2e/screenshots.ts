// Regenerates the README screenshots from the test fixtures: `npm run screenshots` (after `npm run build`).
import { mkdirSync } from 'node:fs';
import { SELF, gmailPageHtml, type MailThread } from './support/gmail-dom';
import { launchWithExtension } from './support/launch';

const OUT = 'docs/screenshots';
const thread: MailThread = {
  id: '18c0a1b2c3d4e5f6',
  subject: 'Proposal for Q1 — pricing and next steps',
  messages: [
    { from: { email: 'ana.perez@clientco.com', name: 'Ana Pérez' }, to: [SELF], cc: [{ email: 'carlos@clientco.com', name: 'Carlos Díaz' }] },
    { from: SELF, to: [{ email: 'ana.perez@clientco.com', name: 'Ana Pérez' }] },
    { from: { email: 'carlos@clientco.com', name: 'Carlos Díaz' }, to: [SELF], cc: [{ email: 'dana@gmail.com', name: 'Dana Lee' }] },
  ],
};

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const locale of ['en-US', 'es-ES']) {
    const { context, extensionId } = await launchWithExtension({ locale, viewport: { width: 1280, height: 720 } });
    const page = context.pages()[0] ?? (await context.newPage());
    await context.route('https://mail.google.com/**', (r) => r.fulfill({ contentType: 'text/html', body: gmailPageHtml({ thread }) }));
    await page.goto(`https://mail.google.com/mail/u/0/#inbox/${thread.id}`);
    const tag = locale.slice(0, 2);
    await page.getByTestId('create-contact').waitFor();
    await page.screenshot({ path: `${OUT}/gmail-unknown-${tag}.png` });
    await page.getByTestId('create-contact').click();
    await page.getByTestId('lead-score').waitFor();
    await page.screenshot({ path: `${OUT}/gmail-contact-${tag}.png` });
    await page.getByTestId('log-email').click();
    await page.getByTestId('lifecycle-stage').selectOption('salesqualifiedlead');
    await page.getByTestId('lead-score').click();
    await page.getByTestId('score-explanation').waitFor();
    await page.getByTestId('score-events').first().locator('summary').click();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: `${OUT}/gmail-record-${tag}.png` });
    await page.setViewportSize({ width: 800, height: 600 });
    await page.screenshot({ path: `${OUT}/gmail-contact-narrow-${tag}.png` });

    // A CTA inserted into the reply, the sidebar scrolled to the template list.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('score-explanation').waitFor();
    await page.getByTestId('lead-score').click();
    // As a rep would: the caret on a new paragraph after the draft's text, then the insert.
    const body = page.getByRole('textbox', { name: 'Message Body' });
    await body.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByTestId('cta-template').first().scrollIntoViewIfNeeded();
    await page.getByTestId('cta-template').first().getByTestId('cta-insert').click();
    await page.getByTestId('cta-status').waitFor();
    await page.screenshot({ path: `${OUT}/gmail-cta-${tag}.png` });

    const options = await context.newPage();
    await options.setViewportSize({ width: 1100, height: 900 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId('template-edit').first().click();
    await options.getByTestId('template-preview').scrollIntoViewIfNeeded();
    await options.screenshot({ path: `${OUT}/options-templates-${tag}.png` });
    await options.close();

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 380, height: 420 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByTestId('search-result').first().waitFor();
    await popup.screenshot({ path: `${OUT}/popup-${tag}.png` });

    // The full card, opened from the popup (in a tab of its own).
    const [card] = await Promise.all([context.waitForEvent('page'), popup.getByTestId('popup-open-card').first().click()]);
    await card.setViewportSize({ width: 1000, height: 900 });
    await card.getByTestId('full-card').waitFor();
    await card.getByTestId('timeline').waitFor();
    await card.screenshot({ path: `${OUT}/full-card-${tag}.png` });
    await card.close();

    const dashboard = await context.newPage();
    await dashboard.setViewportSize({ width: 1200, height: 1100 });
    await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await dashboard.getByTestId('dashboard').waitFor();
    await dashboard.screenshot({ path: `${OUT}/dashboard-${tag}.png` });
    await context.close();
  }
  console.log(`screenshots written to ${OUT}/`);
}

void main();
