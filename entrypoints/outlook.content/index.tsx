import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/components/sidebar/mount';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';

// Mail paths only: calendar, people and settings pages of the same hosts get no script.
const OUTLOOK_MATCHES = [
  'https://outlook.office.com/mail/*',
  'https://outlook.office365.com/mail/*',
  'https://outlook.live.com/mail/*',
  'https://outlook.cloud.microsoft/mail/*',
];

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    // An extension reload leaves the old script's sidebar behind; the new one replaces it (no duplicates).
    for (const stale of document.querySelectorAll('ficha-sidebar')) stale.remove();
    await mountSidebar(ctx, outlookAdapter);
  },
});
