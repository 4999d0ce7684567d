import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const MAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];
const manifest = (dir: string) => JSON.parse(readFileSync(`.output/${dir}/manifest.json`, 'utf8'));

test('the Chrome build is MV3 with least privilege', () => {
  const m = manifest('chrome-mv3');
  expect(m.manifest_version).toBe(3);
  // scripting: the sidebar's record blocks are injected into the webmail tab on first use.
  expect(m.permissions).toEqual(['storage', 'alarms', 'scripting']);
  // The sync server's host only on request, at runtime.
  expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  expect(m.host_permissions).toEqual(MAIL_HOSTS);
  expect(JSON.stringify(m)).not.toContain('<all_urls>');
  expect(m.default_locale).toBe('en');
  expect(m.commands['toggle-sidebar'].suggested_key.default).toBe('Alt+Shift+F');
});

test('the Firefox build carries a gecko id and the same permissions', () => {
  const m = manifest('firefox-mv2');
  expect(m.browser_specific_settings.gecko.id).toBe('ficha@ficha.app');
  // No scripting in MV2: tabs.executeScript injects the record blocks there.
  expect([...m.permissions].sort()).toEqual(['storage', 'alarms', ...MAIL_HOSTS].sort());
  expect(m.commands['toggle-sidebar'].suggested_key.default).toBe('Alt+Shift+F');
  expect(m.content_scripts[0].matches).toEqual(['https://mail.google.com/*']);
});

test('each content script stays within its 100 KiB gzip budget (it is parsed in every webmail tab)', () => {
  for (const name of ['gmail', 'outlook']) {
    const kib = gzipSync(readFileSync(`.output/chrome-mv3/content-scripts/${name}.js`), { level: 9 }).length / 1024;
    expect(kib, `${name}.js: ${kib.toFixed(2)} KiB gzip`).toBeLessThanOrEqual(100);
  }
});

test('the lazily injected record blocks use the content script\'s React and polyfill instead of carrying copies', () => {
  for (const dir of ['chrome-mv3', 'firefox-mv2']) {
    const blocks = readFileSync(`.output/${dir}/sidebar-blocks.js`);
    expect(gzipSync(blocks, { level: 9 }).length / 1024).toBeLessThan(10);
    const text = blocks.toString();
    expect(text).not.toContain('react.dev/errors'); // React's production builds link their error codes there
    expect(text).not.toContain('This script should only be loaded in a browser extension'); // webextension-polyfill
    expect(text).toContain('__fichaShared.react');
  }
});
