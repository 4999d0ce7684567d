import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountSidebar } from '@/components/sidebar/mount';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  runAt: 'document_idle',
  async main(ctx) {
    // An extension reload leaves the old script's sidebar behind; the new one replaces it (no duplicates).
    for (const stale of document.querySelectorAll('ficha-sidebar')) stale.remove();
    await mountSidebar(ctx, gmailAdapter);
  },
});
