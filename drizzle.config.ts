import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes the one migration set both databases run on start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
});
