import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/components/sidebar/mount';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { mailPathsOnly, whenOnMailPath } from '@/lib/sites/outlook/mail-path';

// Every path: calendar, people and settings are the same single-page app as mail. The script waits, doing nothing,
// until the page shows mail (lib/sites/outlook/mail-path.ts).
const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
];

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    // An extension reload leaves the old script's sidebar behind; the new one replaces it (no duplicates).
    for (const stale of document.querySelectorAll('ficha-sidebar')) stale.remove();
    // Mounting may come minutes later: not if the extension was disabled or updated meanwhile.
    if (!(await whenOnMailPath(window, ctx.signal)) || ctx.isInvalid) return;
    await mountSidebar(ctx, mailPathsOnly(outlookAdapter, window));
  },
});
