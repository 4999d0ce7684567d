// Team sync end to end: one real server (npm run server: PGlite in a temp folder, or PostgreSQL when DATABASE_URL
// is set, as in CI), two Chromium profiles with the built extension, both connected through the options page.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { GMAIL_URL, serveGmail } from './support/fixtures';
import { type MailThread, SELF } from './support/gmail-dom';
import { launchWithExtension } from './support/launch';

const TSX = path.resolve('node_modules/.bin/tsx');
// Made in beforeAll, not at load: every process that loads this file (the runner lists tests too) would leave one.
let dataDir = '';
let env: NodeJS.ProcessEnv = {};
test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ficha-sync-e2e-'));
  env = { ...process.env, FICHA_DATA_DIR: dataDir, HOST: '127.0.0.1', FICHA_RATE_LIMIT: '0' };
});
let server: ChildProcess | null = null;
let url = '';
let port = '0';

function startServer(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['server/main.ts'], { env: { ...env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server not ready: ${out}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready at (http:\/\/[^\s"]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => code && reject(new Error(`server exited ${code}: ${out}`)));
  });
}

async function stopServer() {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const ana = { email: 'ana.sync@clientco.com', name: 'Ana Sync' };
const thread: MailThread = { id: '18c0f00dfeed0001', subject: 'Synced proposal', messages: [{ from: ana, to: [SELF], id: '18c0f00dfeed0001' }] };

async function connect(context: BrowserContext, extensionId: string, token: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sync-url').fill(url);
  await options.getByTestId('sync-token').fill(token);
  await options.getByTestId('sync-connect').click();
  await expect(options.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(options.getByTestId('sync-status')).toContainText('0 changes pending');
  // The popup says the same in one line, and no longer that the contacts stay local.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByTestId('popup-sync-status')).toHaveAttribute('data-state', 'synced');
  await expect(popup.getByTestId('popup-local-only')).toHaveCount(0);
  await popup.close();
  return options;
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

test.afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

test('two profiles share a contact and its timeline; deletes travel; offline edits are kept', async () => {
  // The test browser resolves only localhost (launch.ts host-resolver-rules), so the URL uses that name.
  url = (await startServer()).replace('127.0.0.1', 'localhost');
  port = new URL(url).port;
  const cli = spawnSync(TSX, ['server/main.ts', 'create-team', 'E2E Sales'], { env, encoding: 'utf8' });
  expect(cli.status).toBe(0);
  const token = cli.stdout.trim().split('\n').at(-1)!;
  expect(token).toMatch(/^ficha_/);

  const a = await launchWithExtension();
  const b = await launchWithExtension();
  try {
    // A wrong token is refused with words, not a hang.
    const probe = await a.context.newPage();
    await probe.goto(`chrome-extension://${a.extensionId}/options.html`);
    await probe.getByTestId('sync-url').fill(url);
    await probe.getByTestId('sync-token').fill('ficha_wrong_token');
    await probe.getByTestId('sync-connect').click();
    await expect(probe.getByTestId('sync-status')).toHaveAttribute('data-state', 'error');
    await expect(probe.getByTestId('sync-status')).toContainText(/token revoked or wrong/i);
    await probe.close();

    const optionsA = await connect(a.context, a.extensionId, token);
    const optionsB = await connect(b.context, b.extensionId, token);

    // A creates and logs in Gmail.
    await serveGmail(a.context, { thread });
    await serveGmail(b.context, { thread });
    const gmailA = await a.context.newPage();
    await gmailA.goto(GMAIL_URL + '#inbox/' + thread.id);
    await gmailA.getByTestId('create-contact').click();
    await gmailA.getByTestId('log-email').click();
    await expect(gmailA.getByTestId('logged-state')).toBeVisible();
    await expect(optionsA.getByTestId('sync-status')).toContainText('0 changes pending', { timeout: 15_000 });

    // B sees it, with its activity, in its own Gmail sidebar.
    const gmailB = await b.context.newPage();
    await expect(async () => {
      await gmailB.goto(GMAIL_URL + '#inbox/' + thread.id);
      await expect(gmailB.getByTestId('contact-name')).toHaveText('Ana Sync', { timeout: 2_000 });
      await expect(gmailB.getByTestId('create-contact')).toHaveCount(0);
    }).toPass({ timeout: 20_000 });
    await expect(gmailB.getByTestId('activity')).toHaveCount(1);
    await expect(gmailB.getByTestId('activity').first()).toContainText('Synced proposal');
    await expect(gmailB.getByTestId('logged-state')).toBeVisible();

    // Live: a note in A shows in B's open sidebar without a reload (SSE → pull → tab refresh).
    const started = Date.now();
    await gmailA.getByTestId('add-note').fill('Live from A');
    await gmailA.getByRole('button', { name: 'Save note' }).click();
    await expect(gmailB.getByTestId('activity').filter({ hasText: 'Live from A' })).toHaveCount(1, { timeout: 10_000 });
    const liveMs = Date.now() - started;
    console.log(`[sync e2e] edit in A visible in B's open sidebar after ${liveMs} ms`);
    test.info().annotations.push({ type: 'live-ms', description: String(liveMs) });

    // A delete in B's sidebar (Delete contact, confirmed) disappears from A.
    await gmailB.getByTestId('contact-delete').click();
    await gmailB.getByTestId('contact-delete-confirm').click();
    await expect(gmailB.getByTestId('create-contact')).toBeVisible();
    await expect(async () => {
      await gmailA.goto(GMAIL_URL + '#inbox/' + thread.id);
      await expect(gmailA.getByTestId('create-contact')).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    // A goes offline (server stopped), re-creates the contact and writes a note; nothing is lost.
    await stopServer();
    await gmailA.getByTestId('create-contact').click();
    await gmailA.getByTestId('add-note').fill('Written offline');
    await gmailA.getByRole('button', { name: 'Save note' }).click();
    await expect(gmailA.getByTestId('activity').filter({ hasText: 'Written offline' })).toHaveCount(1);
    await optionsA.getByTestId('sync-now').click();
    await expect(optionsA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
    await expect(optionsA.getByTestId('sync-status')).not.toContainText(' 0 changes pending');

    await startServer();
    await optionsA.getByTestId('sync-now').click();
    await expect(optionsA.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
    await expect(optionsA.getByTestId('sync-status')).toContainText('0 changes pending');
    await optionsB.getByTestId('sync-now').click();
    await expect(async () => {
      await gmailB.goto(GMAIL_URL + '#inbox/' + thread.id);
      await expect(gmailB.getByTestId('activity').filter({ hasText: 'Written offline' })).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
  } finally {
    await a.context.close();
    await b.context.close();
  }
});
