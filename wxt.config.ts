import { defineConfig } from 'wxt';
import { SHARED_GLOBAL, SHARED_MODULES } from './components/sidebar/lazy-blocks-contract';

// Least privilege: local storage plus the webmail hosts the content scripts run on.
// A sync server's host is requested at runtime (optional_host_permissions), never up front.
export const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];

/** The SHARED_GLOBAL property for a module the block script imports, by specifier or resolved path. */
function sharedModule(id: string): string | undefined {
  const key = Object.keys(SHARED_MODULES).find((spec) => id === spec || (spec.startsWith('@/') && id.replace(/\.tsx?$/, '').endsWith(spec.slice(1))));
  return key ? SHARED_MODULES[key as keyof typeof SHARED_MODULES] : undefined;
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  webExt: { disabled: true },
  // Explicit imports keep every file readable on its own and testable outside WXT.
  imports: false,
  // FICHA_OUT_DIR builds elsewhere than .output (E2E and benches follow it); FICHA_NO_MINIFY keeps names for profiles.
  outDir: process.env.FICHA_OUT_DIR ?? '.output',
  vite: () => (process.env.FICHA_NO_MINIFY ? { build: { minify: false } } : {}),
  hooks: {
    // The lazily injected block script uses the content script's React, react-query, client and i18n (one instance
    // each, see components/sidebar/lazy-blocks-contract.ts) instead of bundling copies.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((e) => e.name === 'sidebar-blocks')) return;
      const rollup = (config.build ??= {}).rollupOptions ??= {};
      rollup.external = (id: string) => sharedModule(id) !== undefined;
      const output = (Array.isArray(rollup.output) ? rollup.output[0] : (rollup.output ??= {})) as { globals?: (id: string) => string } | undefined;
      if (output) output.globals = (id) => `${SHARED_GLOBAL}.${sharedModule(id) ?? 'missing'}`;
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: the sync loop's 1-minute poll, which also wakes a stopped worker to resume a sync.
    // scripting (Chrome): the sidebar's record blocks are injected on first use (lib/messaging/features/inject.ts).
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['storage', 'alarms', 'scripting'],
    host_permissions: MAIL_HOSTS,
    // The team sync server's origin, asked for at runtime when the rep connects (best effort: the server grants CORS).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_commandToggle__' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: { gecko: { id: 'ficha@ficha.app', strict_min_version: '115.0' } },
    }),
  }),
});
