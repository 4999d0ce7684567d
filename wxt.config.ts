import { defineConfig } from 'wxt';

// Least privilege: local storage plus the webmail hosts the content scripts run on.
// A sync server's host is requested at runtime (optional_host_permissions), never up front.
export const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  webExt: { disabled: true },
  // Explicit imports keep every file readable on its own and testable outside WXT.
  imports: false,
  // FICHA_OUT_DIR builds elsewhere than .output (E2E and benches follow it); FICHA_NO_MINIFY keeps names for profiles.
  outDir: process.env.FICHA_OUT_DIR ?? '.output',
  vite: () => (process.env.FICHA_NO_MINIFY ? { build: { minify: false } } : {}),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: the sync loop's 1-minute poll, which also wakes a stopped worker to resume a sync.
    permissions: ['storage', 'alarms'],
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
