import { defineConfig } from '@playwright/test';

// E2E runs the built extension (npm run build) in Debian's Chromium; one worker: each test owns a browser profile.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  // 10 s: CI shares its 2 cores with the build and other work; a slow answer is not a wrong one.
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: { trace: 'off' },
});
