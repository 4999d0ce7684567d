// Outlook: conversation DOM inserted → `contact-email` shows the expected address, measured inside the page.
// Wire into run.ts next to the Gmail switch: serve `outlookPageHtml({ listRows: 100, padding: 5000 })` on
// https://outlook.office.com/** , open /mail/inbox, wait for the sidebar host, then `outlookSwitchResults(page, CONTACTS)`.
import type { Page } from 'playwright-core';
import { SELF } from '../tests/e2e/support/gmail-dom';
import { conversationHtml, type OutlookConversation } from '../tests/e2e/support/outlook-dom';
import { pageCostResults } from './page-cost';
import { type BenchResult, latencyResults } from './stats';

function benchConversation(i: number, total: number): { conversation: OutlookConversation; expected: string } {
  // Even switches show a seeded (known) contact, odd ones an unknown person, as in the Gmail figure.
  const known = i % 2 === 0;
  const n = (i * 104729) % total;
  const email = known ? `person${n}@company${n % 5000}.example` : `stranger${i}@nowhere${i}.example`;
  const conversation: OutlookConversation = {
    id: `AAQk-bench-${i}`,
    subject: `Benchmark conversation ${i}`,
    messages: [
      { from: { email: `colleague${i}@partner.example`, name: `Colleague ${i}` }, to: [SELF] },
      { from: { email, name: `Person ${n}` }, to: [SELF], cc: [{ email: `cc${i}@partner.example`, name: 'Cc' }] },
    ],
  };
  return { conversation, expected: email };
}

/** Re-renders the reading pane as Outlook does and resolves with the milliseconds until the sidebar shows `expected`. */
const switchAndMeasure = ({ html, path, expected }: { html: string; path: string; expected: string }) =>
  new Promise<number>((resolve, reject) => {
    const root = document.querySelector('ficha-sidebar')?.shadowRoot;
    const pane = document.getElementById('ReadingPaneContainerId');
    if (!root || !pane) return reject(new Error('sidebar host or reading pane missing'));
    const shown = () => root.querySelector('[data-testid=contact-email]')?.textContent === expected;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    setTimeout(() => reject(new Error(`timeout waiting for ${expected}`)), 5_000);
    const t0 = performance.now();
    pane.innerHTML = html;
    history.pushState(null, '', path);
  });

export async function outlookSwitchResults(page: Page, total: number, switches = 40): Promise<BenchResult[]> {
  const samples: number[] = [];
  for (let i = 0; i < switches; i++) {
    const { conversation, expected } = benchConversation(i, total);
    samples.push(await page.evaluate(switchAndMeasure, { html: conversationHtml(conversation), path: `/mail/inbox/id/${conversation.id}`, expected }));
    // Back to an empty reading pane between conversations, as after archiving one.
    await page.evaluate(() => {
      const pane = document.getElementById('ReadingPaneContainerId');
      if (pane) pane.textContent = 'Select an item to read';
    });
    await page.waitForTimeout(30);
  }
  const latency = latencyResults(`Outlook: conversation DOM inserted → contact-email shown (${total} contacts)`, samples, 50);
  // The content script's scripting time and long tasks per switch (its own pages, same browser).
  return [...latency, ...(await pageCostResults(page.context(), 'outlook', total))];
}
