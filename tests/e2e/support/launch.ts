// Launches Debian's Chromium with the built extension, shared by E2E tests, screenshots and benchmarks.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

// FICHA_OUT_DIR: a build made elsewhere (see wxt.config.ts), e.g. to profile one build while a benchmark runs another.
export const EXTENSION_DIR = path.resolve(process.env.FICHA_OUT_DIR ?? '.output', 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
}

export async function launchWithExtension(options: { userDataDir?: string; viewport?: { width: number; height: number }; locale?: string } = {}): Promise<LaunchedExtension> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first`);
  }
  const language = (options.locale ?? 'en-US').split('-')[0] ?? 'en';
  const context = await chromium.launchPersistentContext(options.userDataDir ?? '', {
    executablePath: CHROMIUM,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    // Extension i18n follows the browser's UI language, which Chromium on Linux takes from LANGUAGE.
    env: { ...process.env, LANGUAGE: language },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--lang=${language}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId };
}
