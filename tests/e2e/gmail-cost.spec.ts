// Page cost on a heavy Gmail page (≥ 5,000 nodes, 100 list rows): the content script adds no long task (> 50 ms)
// across thread switches, and the diagnostics probe that follows a quiet page is no long task either.
// The load itself is measured apart (bench/page-cost.ts and README › Benchmarks).
import type { MailThread } from './support/gmail-dom';
import { gmailPageHtml, SELF } from './support/gmail-dom';
import { expect, GMAIL_URL, openInbox, openThread, test } from './support/fixtures';

const thread = (i: number): MailThread => ({
  id: `18c0c05700${i.toString(16).padStart(6, '0')}`,
  subject: `Deal ${i}`,
  messages: [
    { from: { email: `buyer${i}@client${i % 7}.com`, name: `Buyer ${i}` }, to: [SELF], cc: [{ email: `cfo${i}@client${i % 7}.com`, name: `CFO ${i}` }] },
    { from: SELF, to: [{ email: `buyer${i}@client${i % 7}.com`, name: `Buyer ${i}` }] },
  ],
});

test('no long task across 20 thread switches on a 5,000-node Gmail page', async ({ context, page }) => {
  await context.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const html = gmailPageHtml({ inboxRows: 100, padding: 5000 });
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(GMAIL_URL + '#inbox');
  expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBeGreaterThan(5000);

  await openThread(page, thread(0));
  await expect(page.getByTestId('contact-email')).toHaveText('buyer0@client0.com');
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));

  for (let i = 1; i <= 20; i++) {
    await openThread(page, thread(i));
    await expect(page.getByTestId('contact-email')).toHaveText(`buyer${i}@client${i % 7}.com`);
    await openInbox(page);
  }
  // Quiet page: the diagnostics probe runs (after 1.5 s, when idle).
  await page.waitForTimeout(2500);
  expect(await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)).toEqual([]);
});
