// The content script's cost on a heavy webmail page (≥ 5,000 DOM nodes, 100 list rows): scripting time it adds per
// thread switch (CDP Performance.getMetrics ScriptDuration, minus the same switches on the same page served from a
// host the extension does not run on) and the long tasks (> 50 ms) seen in the page while switching, and while the
// page loads (the content script's evaluation and mount).
import type { BrowserContext, Page } from 'playwright-core';
import { conversationHtml, type OutlookConversation, outlookPageHtml, showInReadingPane } from '../tests/e2e/support/outlook-dom';
import { gmailPageHtml, type MailThread, SELF, showInboxInPage, showThreadInPage, threadViewHtml } from '../tests/e2e/support/gmail-dom';
import { type BenchResult, round } from './stats';

const SWITCHES = 30;
/** Rounds of SWITCHES on the same page: one round's figure moves by ±0.5 ms from run to run (GC, the other core). */
const ROUNDS = 3;
/** Long enough for the sidebar to look the people up and render the card (measured switches take 20–90 ms). */
const SETTLE_MS = 250;

interface Site {
  label: string;
  /** A URL the content script runs on, and the same page on a host it does not run on. */
  mailUrl: string;
  /** Route pattern covering mailUrl only (other tests and benches serve the webmail's other paths). */
  mailRoute: string;
  baselineUrl: string;
  html: string;
  /** Opens the i-th thread in the page, as the webmail does (no page load), then goes back to the list. */
  open(page: Page, i: number): Promise<void>;
  close(page: Page): Promise<void>;
}

/** Even switches show a seeded (known) contact, whose card is the heavier render; odd ones an unknown person. */
let seeded = 0;
const person = (i: number) => {
  const n = (i * 104729) % Math.max(1, seeded);
  return i % 2 === 0 && seeded > 0 ? { email: `person${n}@company${n % 5000}.example`, name: `Person ${n}` } : { email: `buyer${i}@client${i % 7}.example`, name: `Buyer ${i}` };
};

const gmail: Site = {
  label: 'Gmail',
  mailUrl: 'https://mail.google.com/mail/u/7/#inbox',
  mailRoute: 'https://mail.google.com/mail/u/7/**',
  baselineUrl: 'https://baseline.invalid/mail/u/7/#inbox',
  html: gmailPageHtml({ inboxRows: 100, padding: 5000 }),
  async open(page, i) {
    const thread: MailThread = { id: `cost${i.toString(16).padStart(8, '0')}`, subject: `Deal ${i}`, messages: [{ from: person(i), to: [SELF] }, { from: SELF, to: [person(i)] }] };
    await page.evaluate(showThreadInPage, { html: threadViewHtml(thread), hash: `#inbox/${thread.id}` });
  },
  close: (page) => page.evaluate(showInboxInPage),
};

const outlook: Site = {
  label: 'Outlook',
  mailUrl: 'https://outlook.office.com/mail/cost/inbox',
  mailRoute: 'https://outlook.office.com/mail/cost/**',
  baselineUrl: 'https://baseline.invalid/mail/cost/inbox',
  html: outlookPageHtml({ listRows: 100, padding: 5000 }),
  async open(page, i) {
    const conv: OutlookConversation = { id: `AAQk-cost-${i}`, subject: `Deal ${i}`, messages: [{ from: person(i), to: [SELF] }, { from: SELF, to: [person(i)] }] };
    await page.evaluate(showInReadingPane, { html: conversationHtml(conv), path: `/mail/cost/inbox/id/${conv.id}` });
  },
  close: (page) =>
    page.evaluate(() => {
      const pane = document.getElementById('ReadingPaneContainerId');
      if (pane) pane.textContent = 'Select an item to read';
      history.pushState(null, '', '/mail/cost/inbox');
    }),
};

/** Scripting seconds of the page's renderer so far (every world: the page's and the content script's). */
async function scriptSeconds(page: Page, cdp: Awaited<ReturnType<BrowserContext['newCDPSession']>>): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN;
}

async function measure(context: BrowserContext, site: Site, url: string, withSidebar: boolean) {
  const page = await context.newPage();
  await page.goto(url);
  if (withSidebar) await page.waitForFunction(() => document.querySelector('ficha-sidebar')?.shadowRoot);
  // Past the load (its cost is reported apart): settle, then count only what the switches cost.
  await page.waitForTimeout(3000);
  await page.evaluate(() => {
    const w = window as unknown as { __costLong: number[] };
    w.__costLong = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__costLong.push(e.duration))).observe({ type: 'longtask' });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const roundMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = await scriptSeconds(page, cdp);
    for (let i = round * SWITCHES; i < (round + 1) * SWITCHES; i++) {
      await site.open(page, i);
      await page.waitForTimeout(SETTLE_MS);
      await site.close(page);
      await page.waitForTimeout(50);
    }
    roundMs.push(((await scriptSeconds(page, cdp)) - before) * 1000);
  }
  const scriptMs = roundMs.reduce((a, b) => a + b, 0);
  const longTasks = await page.evaluate(() => (window as unknown as { __costLong: number[] }).__costLong.map(Math.round));
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await cdp.detach();
  await page.close();
  return { scriptMs, roundMs, longTasks, nodes };
}

const LOADS = 5;

/** Long tasks seen while the page loads (observer installed before any script runs) and the next 2.5 s. */
async function loadLongTasks(context: BrowserContext, url: string, withSidebar: boolean): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __loadLong: number[] };
      w.__loadLong = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__loadLong.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    if (withSidebar) await page.waitForFunction(() => document.querySelector('ficha-sidebar')?.shadowRoot);
    await page.waitForTimeout(2500);
    durations.push(...(await page.evaluate(() => (window as unknown as { __loadLong: number[] }).__loadLong.map(Math.round))));
    await page.close();
  }
  return durations;
}

export async function pageCostResults(context: BrowserContext, which: 'gmail' | 'outlook', seededContacts: number): Promise<BenchResult[]> {
  seeded = seededContacts;
  const site = which === 'gmail' ? gmail : outlook;
  const serve = (route: { fulfill(r: { contentType: string; body: string }): Promise<void> }) => route.fulfill({ contentType: 'text/html', body: site.html });
  const mailPattern = site.mailRoute;
  await context.route(mailPattern, serve);
  await context.route('https://baseline.invalid/**', serve);
  try {
    const loadBaseline = await loadLongTasks(context, site.baselineUrl, false);
    const loadWith = await loadLongTasks(context, site.mailUrl, true);
    const baseline = await measure(context, site, site.baselineUrl, false);
    const withExtension = await measure(context, site, site.mailUrl, true);
    const switches = ROUNDS * SWITCHES;
    const added = (withExtension.scriptMs - baseline.scriptMs) / switches;
    const detail = {
      switches,
      knownContacts: seeded > 0 ? 'every other switch' : 'none',
      nodes: withExtension.nodes,
      pageScriptMsPerSwitch: round(baseline.scriptMs / switches),
      withExtensionMsPerSwitch: round(withExtension.scriptMs / switches),
      // Each round's figure (its own baseline round subtracted), to show the spread the mean smooths.
      rounds: withExtension.roundMs.map((ms, i) => round((ms - (baseline.roundMs[i] ?? 0)) / SWITCHES)).join(' '),
    };
    return [
      {
        name: `${site.label}: long tasks (> 50 ms) while loading the page, ${LOADS} loads`,
        value: loadWith.length,
        unit: 'tasks',
        goal: { max: 0 },
        detail: { durations: loadWith.join(' ') || 'none', withoutExtension: loadBaseline.length },
      },
      { name: `${site.label}: scripting added per thread switch (≥ 5,000 nodes, 100 rows)`, value: round(Math.max(0, added)), unit: 'ms', goal: { max: 5 }, detail },
      {
        name: `${site.label}: long tasks (> 50 ms) during ${ROUNDS * SWITCHES} thread switches`,
        value: withExtension.longTasks.length,
        unit: 'tasks',
        goal: { max: 0 },
        detail: { durations: withExtension.longTasks.join(' ') || 'none', withoutExtension: baseline.longTasks.length },
      },
    ];
  } finally {
    await context.unroute(mailPattern, serve);
    await context.unroute('https://baseline.invalid/**', serve);
  }
}
