import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Layers may only import downwards (see README › Architecture).
const layerRules = [
  { from: 'lib/domain', forbid: ['@/lib/storage', '@/lib/messaging', '@/lib/query', '@/lib/sites', '@/components', '@/entrypoints', 'react', 'dexie', 'wxt'] },
  { from: 'lib/sites', forbid: ['@/lib/storage', '@/lib/messaging', '@/lib/query', '@/components', '@/entrypoints', 'react', 'dexie'] },
  { from: 'lib/storage', forbid: ['@/lib/messaging', '@/lib/query', '@/components', '@/entrypoints', 'react'] },
  { from: 'lib/messaging', forbid: ['@/lib/query', '@/components', '@/entrypoints', 'react'] },
  { from: 'lib/query', forbid: ['@/components', '@/entrypoints', '@/lib/storage'] },
  { from: 'components', forbid: ['@/entrypoints', '@/lib/storage', 'dexie'] },
  // The sync protocol is shared by the extension and the server: pure, no storage, no Node, no server code.
  { from: 'lib/sync', forbid: ['@/lib/storage', '@/lib/messaging', '@/lib/query', '@/lib/sites', '@/components', '@/entrypoints', 'react', 'dexie', 'wxt', 'node:*', 'hono', 'drizzle-orm', 'postgres', '@electric-sql/*', '@/server', '**/server'] },
  // The server shares only lib/sync and lib/domain with the extension.
  { from: 'server', forbid: ['@/lib/storage', '@/lib/messaging', '@/lib/query', '@/lib/sites', '@/components', '@/entrypoints', 'react', 'dexie', 'wxt', '**/lib/storage', '**/lib/messaging', '**/lib/query', '**/lib/sites', '**/components', '**/entrypoints'] },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench/results/**', 'bench/tmp/**', 'test-results/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page text must never become markup.
      'no-restricted-properties': ['error', { property: 'innerHTML', message: 'Render text, never HTML (use textContent / React).' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render text, never HTML.' }],
    },
  },
  ...layerRules.map(({ from, forbid }) => ({
    files: [`${from}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbid.map((group) => ({ group: [group, `${group}/**`], message: `${from} must not depend on ${group}` })) }],
    },
  })),
  {
    // The content script's size budget: code it bundles takes only zod-free domain modules as values (types are free).
    // Extension pages (components/pages) may use the domain freely, e.g. the scoring preview.
    files: ['components/sidebar/**/*.{ts,tsx}', 'components/ui/**/*.{ts,tsx}', 'lib/query/**/*.ts', 'lib/sites/**/*.ts', 'lib/messaging/client.ts', 'lib/messaging/errors.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{
        group: ['@/lib/domain/*', '!@/lib/domain/email', '!@/lib/domain/person', '!@/lib/domain/stage-ids', '!@/lib/domain/profile-values', '!@/lib/domain/template', '!@/lib/domain/template-rank', '!@/lib/domain/search', '@/lib/messaging/protocol', 'zod'],
        allowTypeImports: true,
        message: 'Pulls zod into UI bundles: import a zod-free module, or import types only.',
      }] }],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.{js,mjs,ts}'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Playwright fixtures call a `use` callback that is not React's hook.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
