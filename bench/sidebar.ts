// Thread DOM inserted → `contact-email` shows the expected address, measured inside the Gmail page.
import type { Page } from 'playwright-core';
import { SELF, threadViewHtml, type MailThread } from '../tests/e2e/support/gmail-dom';
import { pageCostResults } from './page-cost';
import { type BenchResult, latencyResults } from './stats';

function benchThread(i: number, total: number): { thread: MailThread; expected: string } {
  // Even switches show a seeded (known) contact, odd ones an unknown person: both card states are measured.
  const known = i % 2 === 0;
  const n = (i * 104729) % total;
  const email = known ? `person${n}@company${n % 5000}.example` : `stranger${i}@nowhere${i}.example`;
  const thread: MailThread = {
    id: `bench${i.toString(16).padStart(8, '0')}`,
    subject: `Benchmark thread ${i}`,
    messages: [
      { from: { email: `colleague${i}@partner.example`, name: `Colleague ${i}` }, to: [SELF] },
      { from: { email, name: `Person ${n}` }, to: [SELF], cc: [{ email: `cc${i}@partner.example`, name: 'Cc' }] },
    ],
  };
  return { thread, expected: email };
}

/** Inserts the thread view and resolves with the milliseconds until the sidebar shows `expected`. */
const switchAndMeasure = ({ html, hash, expected }: { html: string; hash: string; expected: string }) =>
  new Promise<number>((resolve, reject) => {
    const host = document.querySelector('ficha-sidebar');
    const root = host?.shadowRoot;
    if (!root) return reject(new Error('sidebar host missing'));
    const shown = () => root.querySelector('[data-testid=contact-email]')?.textContent === expected;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(root, { subtree: true, childList: true, characterData: true });
    setTimeout(() => reject(new Error(`timeout waiting for ${expected}`)), 5_000);
    const views = document.getElementById('views')!;
    const inbox = views.querySelector<HTMLElement>('[data-view=inbox]')!;
    const thread = views.querySelector<HTMLElement>('[data-view=thread]')!;
    const t0 = performance.now();
    thread.innerHTML = html;
    inbox.style.display = 'none';
    thread.style.display = '';
    location.hash = hash;
  });

export async function threadSwitchResults(page: Page, total: number, switches = 40, label = 'Gmail'): Promise<BenchResult[]> {
  const samples: number[] = [];
  for (let i = 0; i < switches; i++) {
    const { thread, expected } = benchThread(i, total);
    samples.push(await page.evaluate(switchAndMeasure, { html: threadViewHtml(thread), hash: `#inbox/${thread.id}`, expected }));
    // Back to the inbox between threads, as a rep does.
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-view=thread]')!.style.display = 'none';
      document.querySelector<HTMLElement>('[data-view=inbox]')!.style.display = '';
    });
    await page.waitForTimeout(30);
  }
  const latency = latencyResults(`${label}: thread DOM inserted → contact-email shown (${total} contacts)`, samples, 50);
  // The content script's scripting time and long tasks per switch on a heavy page (its own pages, same browser).
  return label === 'Gmail' ? [...latency, ...(await pageCostResults(page.context(), 'gmail', total))] : latency;
}
