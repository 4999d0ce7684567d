import { defineConfig } from 'vitest/config';

// The sync server's suites: Node environment, real PGlite and (with DATABASE_URL / TEST_DATABASE_URL) PostgreSQL.
export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000, // generous: CI runs these next to browser builds on 2 cores
    hookTimeout: 180_000, // opening PGlite (wasm) in every file at once on 2 busy cores can take over a minute
  },
});
