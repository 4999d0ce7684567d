// Extension-page figures: popup search per keystroke, and the dashboard's first paint, on the seeded database.
import type { BrowserContext } from 'playwright-core';
import { type BenchResult, latencyResults, round } from './stats';

/** Typing into the popup's search box: each keystroke is a `contacts.search` round trip, timed in the page. */
export async function popupSearchResults(context: BrowserContext, extensionId: string, total: number): Promise<BenchResult[]> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  // As a rep: the popup shows its recent contacts (this first request also starts the background's search table),
  // and typing starts a moment later, not in the same millisecond.
  await popup.getByTestId('search-result').first().waitFor({ timeout: 120_000 });
  await popup.waitForTimeout(1_000);
  const queries = ['person1', 'company42', 'person 7', 'compañía', 'zz-no-match', 'person99999'];
  const samples = await popup.evaluate(async (queries: string[]) => {
    const out: number[] = [];
    for (const q of queries) {
      for (let k = 1; k <= q.length; k++) {
        const t0 = performance.now();
        // What the popup's list sends per keystroke (ContactSearch → contacts.find: list lines from memory).
        const reply = await chrome.runtime.sendMessage({ type: 'contacts.find', query: q.slice(0, k), limit: 20 });
        if (!reply?.ok) throw new Error(`search failed: ${JSON.stringify(reply)}`);
        out.push(performance.now() - t0);
      }
    }
    return out;
  }, queries);
  await popup.close();
  return latencyResults(`popup search per keystroke (${total} contacts, incl. message round trip)`, samples, 10);
}

/** Navigation start → the dashboard's figures rendered, a few times, on the seeded database. */
export async function dashboardPaintResults(context: BrowserContext, extensionId: string, total: number, activities: number, runs = 5): Promise<BenchResult[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/dashboard.html`);
    await page.getByTestId('dashboard').waitFor({ timeout: 120_000 });
    samples.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  const [first, ...rest] = samples;
  return [
    { name: `dashboard first paint, first open (${total} contacts, ${activities} activities)`, value: round(first ?? Number.NaN), unit: 'ms', goal: { max: 1000 } },
    ...latencyResults('dashboard first paint, later opens', rest, 1000),
  ];
}
