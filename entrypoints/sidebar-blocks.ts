// The five editable record blocks, the privacy form, the score's explanation and the delete question, injected into
// a webmail tab when the page is idle or on first use (see components/sidebar/lazy-blocks.tsx): they stay out of the
// content script that every Gmail and Outlook load pays for.
// React, react-query, the message client and i18n are the content script's own (wxt.config.ts › sharedExternals).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { BLOCKS_GLOBAL } from '@/components/sidebar/lazy-blocks-contract';
import { DeleteConfirm } from '@/components/sidebar/blocks/DeleteConfirm';
import { PrivacyForm } from '@/components/sidebar/blocks/PrivacyForm';
import { ProfileBlocks } from '@/components/sidebar/blocks/ProfileBlocks';
import { ScoreExplanation } from '@/components/sidebar/blocks/ScoreExplanation';

export default defineUnlistedScript(() => {
  Reflect.set(globalThis, BLOCKS_GLOBAL, { ProfileBlocks, PrivacyForm, ScoreExplanation, DeleteConfirm });
});
