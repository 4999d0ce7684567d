import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const person = { email: 'marta@tienda.es', name: 'Marta Vidal' };
const thread: MailThread = { id: '18c0cafe0000000a', subject: 'Pedido', messages: [{ from: person, to: [SELF], id: '18c0cafe0000000a' }] };

test('switching to the relationship-marketing cycle changes the stages new and existing contacts are offered', async ({ context, page, extensionId }) => {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
  const stage = page.getByTestId('lifecycle-stage');
  await expect(stage).toHaveAttribute('data-stage', 'lead');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.locator('[data-testid=stage-set][value=relationship]').check();
  await expect(options.locator('[data-testid=stage-set][value=relationship]')).toBeChecked();
  await options.close();

  await page.reload();
  // The contact keeps "lead" (shown first), and the cycle's stages are offered.
  await expect(stage).toHaveAttribute('data-stage', 'lead');
  await expect(stage.locator('option')).toHaveText(['Lead', 'Curiosity', 'Purchase', 'Fulfilment', 'Growth', 'Retention', 'Loyalty', 'Recovery']);
  await stage.selectOption('purchase');
  await expect(stage).toHaveAttribute('data-stage', 'purchase');
  await expect(stage.locator('option')).toHaveCount(7);
  await stage.selectOption('curiosity');
  await expect(page.getByTestId('stage-confirm')).toBeVisible();
});
