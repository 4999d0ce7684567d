import type { MailThread } from './support/gmail-dom';
import { SELF } from './support/gmail-dom';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, GMAIL_URL, serveGmail, test } from './support/fixtures';

const vp = { email: 'laura.gomez@bigcorp.com', name: 'Laura Gómez' };
const thread: MailThread = { id: '18c0beef00000001', subject: 'Pricing for 200 seats', messages: [{ from: vp, to: [SELF], id: '18c0beef00000001' }] };

/** Every test here starts from Laura's thread with her just saved as a contact. */
async function openAsNewContact(context: BrowserContext, page: Page) {
  await serveGmail(context, { thread });
  await page.goto(GMAIL_URL + '#inbox/' + thread.id);
  await page.getByTestId('create-contact').click();
}

test('stage moves are recorded; moving back needs a confirmation', async ({ context, page }) => {
  await openAsNewContact(context, page);
  const stage = page.getByTestId('lifecycle-stage');
  await expect(stage).toHaveAttribute('data-stage', 'lead');

  await stage.selectOption('opportunity');
  await expect(stage).toHaveAttribute('data-stage', 'opportunity');
  // The history is in the card while folded: readable without opening it.
  await expect(page.getByTestId('stage-history-entry')).toHaveCount(1);
  await expect(page.getByTestId('stage-history-entry').first()).toHaveAttribute('data-to', 'opportunity');

  // Backward: refused until confirmed, and the select snaps back meanwhile.
  await stage.selectOption('lead');
  await expect(page.getByTestId('stage-confirm')).toBeVisible();
  await expect(stage).toHaveAttribute('data-stage', 'opportunity');
  await page.getByTestId('stage-confirm').getByRole('textbox').fill('Budget frozen');
  await page.getByTestId('stage-confirm').getByRole('button', { name: 'Move back' }).click();
  await expect(stage).toHaveAttribute('data-stage', 'lead');
  await expect(page.getByTestId('stage-confirm')).toHaveCount(0);
  await expect(page.getByTestId('stage-history-entry')).toHaveCount(2);
  const newest = page.getByTestId('stage-history-entry').first();
  await expect(newest).toHaveAttribute('data-backward', 'true');
  await expect(newest).toContainText('Budget frozen');
  const moves = page.locator('[data-testid=activity][data-type="stage.changed"]');
  await expect(moves).toHaveCount(2);
  // The timeline names the stages in the rep's language, not by their stored ids.
  await expect(moves.first()).toContainText('Opportunity → Lead (moved back)');
  await expect(moves.nth(1)).toContainText('Lead → Opportunity');
});

test('arrow keys on the stage control look through the stages; Enter moves, Escape keeps the stage', async ({ context, page }) => {
  await openAsNewContact(context, page);
  const stage = page.getByTestId('lifecycle-stage');
  await expect(stage).toHaveAttribute('data-stage', 'lead');
  await expect(page.getByTestId('stage-history')).toBeAttached();

  await stage.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(stage).toHaveValue('salesqualifiedlead');
  await page.waitForTimeout(300);
  await expect(stage).toHaveAttribute('data-stage', 'lead'); // browsing moved nothing…
  await expect(page.getByTestId('stage-history-entry')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(stage).toHaveValue('lead');
  // Typing a stage's first letter jumps to it: also a look, not a move.
  await page.keyboard.press('o');
  await expect(stage).toHaveValue('opportunity');
  await page.waitForTimeout(300);
  await expect(stage).toHaveAttribute('data-stage', 'lead');
  await page.keyboard.press('Escape');
  await expect(stage).toHaveValue('lead');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter'); // …Enter moves to the stage looked at, once
  await expect(stage).toHaveAttribute('data-stage', 'marketingqualifiedlead');
  await expect(page.getByTestId('stage-history-entry')).toHaveCount(1);
  await expect(stage).toBeFocused(); // the rep's place is kept while it saves
});

test('the score explains itself and rises when an email is logged', async ({ context, page }) => {
  await openAsNewContact(context, page);
  const before = Number(await page.getByTestId('lead-score').textContent());
  await expect(page.getByTestId('lead-grade')).toHaveText(/^[ABC][123]$/);

  await page.getByTestId('lead-score').click();
  const explanation = page.getByTestId('score-explanation');
  await expect(explanation).toBeVisible();
  await expect(explanation).toContainText('=');

  await page.getByTestId('log-email').click();
  await expect(page.getByTestId('logged-state')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('lead-score').textContent())).toBeGreaterThan(before);
  await expect(explanation.locator('[data-testid=score-rule]').filter({ hasText: /event/ })).not.toHaveCount(0);
  // "1 event" opens to the email that counted: its type, when, its subject (as text).
  const counted = explanation.getByTestId('score-events').first();
  await counted.locator('summary').click();
  await expect(counted.getByTestId('score-event')).toHaveCount(1);
  await expect(counted.getByTestId('score-event')).toHaveAttribute('data-type', 'email.received');
  await expect(counted.getByTestId('score-event')).toContainText(thread.subject);
});
