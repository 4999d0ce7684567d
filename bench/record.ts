// Customer-record figures: full rescore after a model change (with the Gmail page watched for long tasks) and
// one-click logging latency.
import type { BrowserContext, Page } from 'playwright-core';
import { DEFAULT_SCORING_MODEL } from '@/lib/domain/scoring-defaults';
import { SELF, showThreadInPage, threadViewHtml } from '../tests/e2e/support/gmail-dom';
import { type BenchResult, latencyResults, round } from './stats';

interface WorkerFicha {
  ficha: { scoring: { save(model: unknown): Promise<unknown>; status(): { state: string; done: number; total: number; startedAt: number | null; finishedAt: number | null; phases?: Record<string, number> } } };
}

export async function rescoreResults(context: BrowserContext, gmail: Page, contacts: number, activities: number): Promise<BenchResult[]> {
  const worker = context.serviceWorkers()[0]!;
  await gmail.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
  });
  const model = { ...structuredClone(DEFAULT_SCORING_MODEL), weights: { fit: 60, engagement: 40 } };
  await worker.evaluate((m) => (globalThis as unknown as WorkerFicha).ficha.scoring.save(m), model);

  // While it runs, keep using the sidebar: every lookup must still be answered quickly.
  const lookupsDuring: number[] = [];
  let status = await worker.evaluate(() => (globalThis as unknown as WorkerFicha).ficha.scoring.status());
  for (let i = 0; status.state === 'running' && i < 2_000; i++) {
    const n = (i * 7919) % contacts;
    const html = threadViewHtml({ id: `r${i}`, subject: 'During rescore', messages: [{ from: { email: `person${n}@company${n % 5000}.example`, name: 'P' }, to: [SELF] }] });
    const t0 = performance.now();
    await gmail.evaluate(showThreadInPage, { html, hash: `#inbox/bench${i}` });
    await gmail.waitForFunction((e) => document.querySelector('ficha-sidebar')?.shadowRoot?.querySelector('[data-testid=contact-email]')?.textContent === e, `person${n}@company${n % 5000}.example`);
    lookupsDuring.push(performance.now() - t0);
    status = await worker.evaluate(() => (globalThis as unknown as WorkerFicha).ficha.scoring.status());
  }
  // A slow machine may outlast the lookups: wait for the end without them rather than fail the run.
  for (let waited = 0; status.state === 'running' && waited < 3_600_000; waited += 1_000) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    status = await worker.evaluate(() => (globalThis as unknown as WorkerFicha).ficha.scoring.status());
  }
  if (status.state !== 'done') throw new Error(`rescore ended in state ${status.state}`);
  const longTasks = await gmail.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const seconds = ((status.finishedAt ?? 0) - (status.startedAt ?? 0)) / 1000;
  return [
    { name: `full rescore after a model change: ${status.done} contacts, ${activities} activities`, value: round(seconds), unit: 's', goal: { max: 10 }, detail: Object.fromEntries(Object.entries(status.phases ?? {}).map(([k, v]) => (k === 'moved' || k === 'reloads' ? [k, v] : [`${k}Seconds`, round(v / 1000)]))) },
    { name: 'long tasks (> 50 ms) in the Gmail page during the rescore', value: longTasks.length, unit: 'tasks', goal: { max: 0 }, detail: { longest: round(Math.max(0, ...longTasks)) } },
    ...latencyResults('thread switch → card during the rescore (incl. Playwright round trips)', lookupsDuring),
  ];
}

/** How long a rep looks at the card before clicking (counted from the log button enabling): a human click comes no
 * sooner (reaction time ≥ 250 ms). */
const READ_PAUSE_MS = 300;

/**
 * Click `log-email` → `logged-state` shown, measured in the page, each sample on a new message of a known contact.
 * The figure is the click a rep makes: the button enabled, then the click after READ_PAUSE_MS. The same click made the
 * instant the button enables (while the card's other sections are still being answered by the worker) is reported
 * beside it, without a goal, so the difference stays visible.
 */
// 100 samples: with 30, the p95 is the second-slowest click and one stall decides it.
export async function logLatencyResults(gmail: Page, contacts: number, samples = Number(process.env.BENCH_LOG_SAMPLES ?? 100)): Promise<BenchResult[]> {
  const settled = await logClicks(gmail, contacts, samples, READ_PAUSE_MS, 0);
  const immediate = await logClicks(gmail, contacts, samples, 0, samples);
  return [
    ...latencyResults(`log one email: click → logged-state (click ${READ_PAUSE_MS} ms after the button enables)`, settled, 30),
    ...latencyResults('log one email: click → logged-state (click the instant the button enables, card still loading)', immediate),
  ];
}

async function logClicks(gmail: Page, contacts: number, samples: number, pauseMs: number, first: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = first; i < first + samples; i++) {
    const n = (i * 104729 + 11) % contacts;
    const email = `person${n}@company${n % 5000}.example`;
    const html = threadViewHtml({ id: `log${i}`, subject: `Log ${i}`, messages: [{ from: { email, name: 'P' }, to: [SELF], id: `benchlog${i}x${Date.now()}` }] });
    await gmail.evaluate(showThreadInPage, { html, hash: `#inbox/bench${i}` });
    await gmail.waitForFunction(() => {
      const button = document.querySelector('ficha-sidebar')?.shadowRoot?.querySelector<HTMLButtonElement>('[data-testid=log-email]');
      return button && !button.disabled;
    });
    if (pauseMs > 0) await gmail.waitForTimeout(pauseMs);
    times.push(
      await gmail.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const root = document.querySelector('ficha-sidebar')!.shadowRoot!;
            const observer = new MutationObserver(() => {
              if (!root.querySelector('[data-testid=logged-state]')) return;
              observer.disconnect();
              resolve(performance.now() - t0);
            });
            observer.observe(root, { subtree: true, childList: true });
            const t0 = performance.now();
            root.querySelector<HTMLButtonElement>('[data-testid=log-email]')!.click();
          }),
      ),
    );
  }
  return times;
}
