// The five editable record blocks, injected into a webmail tab the first time a contact card shows there (see
// components/sidebar/lazy-blocks.tsx): they stay out of the content script that every Gmail and Outlook load pays for.
// React, react-query, the message client and i18n are the content script's own (wxt.config.ts › sharedExternals).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BLOCKS_GLOBAL } from '@/components/sidebar/lazy-blocks-contract';
import { ProfileBlocks } from '@/components/sidebar/blocks/ProfileBlocks';

export default defineUnlistedScript(() => {
  Reflect.set(globalThis, BLOCKS_GLOBAL, { ProfileBlocks });
});
