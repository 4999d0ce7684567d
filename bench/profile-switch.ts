// Where the content script's time goes on a thread switch: CDP's sampling profiler over 30 Gmail thread switches on a
// 5,000-node page, printed as self time, inclusive time per function and the callers of the DOM queries.
// Build with names kept first: `FICHA_NO_MINIFY=1 FICHA_OUT_DIR=/tmp/ficha-prof npx wxt build`, then
// `FICHA_OUT_DIR=/tmp/ficha-prof npx tsx bench/profile-switch.ts`. Times are inflated by the profiler; compare runs.
import { launchWithExtension } from '../tests/e2e/support/launch';
import { gmailPageHtml, type MailThread, SELF, showInboxInPage, showThreadInPage, threadViewHtml } from '../tests/e2e/support/gmail-dom';

const SWITCHES = 30;
const person = (i: number) => ({ email: `buyer${i}@client${i % 7}.example`, name: `Buyer ${i}` });

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.replace(/^.*\//, '')}:${n.callFrame.lineNumber}`;
const perSwitch = (us: number) => (us / 1000 / SWITCHES).toFixed(2).padStart(8);

function report(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id);
    if (!leaf) return;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = parent.get(n.id)) {
      const k = label(n);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, keep: (k: string) => boolean, n: number) => [...m].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('== self time, ms per switch');
  for (const [k, v] of top(self, (k) => !k.startsWith('(idle)'), 25)) console.log(perSwitch(v), k);
  console.log('== inclusive time in the content script, ms per switch');
  for (const [k, v] of top(inclusive, (k) => k.includes('gmail.js'), 40)) console.log(perSwitch(v), k);
}

async function main() {
  const { context } = await launchWithExtension();
  const html = gmailPageHtml({ inboxRows: 100, padding: 5000 });
  await context.route('https://mail.google.com/**', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  const page = await context.newPage();
  await page.goto('https://mail.google.com/mail/u/7/#inbox');
  await page.waitForFunction(() => document.querySelector('ficha-sidebar')?.shadowRoot);
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < SWITCHES; i++) {
    const thread: MailThread = { id: `prof${i.toString(16).padStart(8, '0')}`, subject: `Deal ${i}`, messages: [{ from: person(i), to: [SELF] }, { from: SELF, to: [person(i)] }] };
    await page.evaluate(showThreadInPage, { html: threadViewHtml(thread), hash: `#inbox/${thread.id}` });
    await page.waitForTimeout(250);
    await page.evaluate(showInboxInPage);
    await page.waitForTimeout(50);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  report(profile);
  await context.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
