// One edit on device A visible on device B while both have a Gmail tab with the sidebar open (goal ≤ 2 s).
// Real server (bench/sync-server.ts), two Chromium profiles connected to it, both showing the same thread; A saves
// a note in its sidebar, the clock runs until B's open sidebar lists it (A's push, the server's SSE head event,
// B's pull, B's tab refetch). Repeated; prints p50 / p95 / max as JSON, writes bench/results/sync-live.json.
// Usage: SYNC_LIVE_EDITS=10 npx tsx bench/sync-live.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { gmailPageHtml, type MailThread, SELF } from '../tests/e2e/support/gmail-dom';
import { launchWithExtension } from '../tests/e2e/support/launch';
import { startBenchServer } from './sync-server';

const EDITS = Number(process.env.SYNC_LIVE_EDITS ?? 10);
const GMAIL_URL = 'https://mail.google.com/mail/u/0/';
const person = { email: 'live.bench@clientco.com', name: 'Live Bench' };
const thread: MailThread = { id: '18c0f00dbe0c0001', subject: 'Live edits', messages: [{ from: person, to: [SELF], id: '18c0f00dbe0c0001' }] };

async function device(url: string, token: string): Promise<{ context: BrowserContext; gmail: Page }> {
  const { context } = await launchWithExtension();
  const worker = context.serviceWorkers()[0]!;
  const res = await worker.evaluate(({ u, t }) => (globalThis as unknown as { ficha: { sync: { connect(u: string, t: string): Promise<{ ok: boolean }> } } }).ficha.sync.connect(u, t), { u: url, t: token });
  if (!res.ok) throw new Error(`connect failed: ${JSON.stringify(res)}`);
  const html = gmailPageHtml({ thread });
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const gmail = await context.newPage();
  await gmail.goto(`${GMAIL_URL}#inbox/${thread.id}`);
  return { context, gmail };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function main() {
  const server = await startBenchServer();
  try {
    const a = await device(server.browserUrl, server.token);
    const b = await device(server.browserUrl, server.token);
    try {
      await a.gmail.getByTestId('create-contact').click();
      // B's open sidebar turns from "unknown person" into the card once the contact arrives.
      await b.gmail.getByTestId('add-note').waitFor({ timeout: 60_000 });
      const times: number[] = [];
      for (let i = 0; i < EDITS; i++) {
        const text = `Live edit ${i}`;
        await a.gmail.getByTestId('add-note').fill(text);
        const started = performance.now();
        await a.gmail.getByRole('button', { name: 'Save note' }).click();
        await b.gmail.getByTestId('activity').filter({ hasText: text }).first().waitFor({ timeout: 60_000 });
        times.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 500));
      }
      const sorted = [...times].sort((x, y) => x - y);
      const report = { edits: EDITS, p50Ms: Math.round(quantile(sorted, 0.5)), p95Ms: Math.round(quantile(sorted, 0.95)), maxMs: Math.round(sorted.at(-1)!), goalMs: 2000, allMs: times.map(Math.round) };
      console.log(JSON.stringify(report, null, 2));
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/sync-live.json', JSON.stringify(report, null, 2));
    } finally {
      await a.context.close();
      await b.context.close();
    }
  } finally {
    await server.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
