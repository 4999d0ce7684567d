// The parts of a card a rep opens now and then (record blocks, privacy form, score explanation, delete question), loaded
// on first use or at idle: the background injects entrypoints/sidebar-blocks.ts into this frame (same isolated
// world), which finds React and the other shared modules here instead of bundling them again.
import * as React from 'react';
import { lazy, Suspense } from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import type { Contact } from '@/lib/domain/contact';
import type { DeleteConfirmProps } from './blocks/DeleteConfirm';
import type { PrivacyProps } from './blocks/PrivacyForm';
import { i18n } from '@/lib/i18n/cached-messages';
import { uiLanguage } from '@/lib/i18n/ui-language';
import * as client from '@/lib/messaging/client';
import * as errors from '@/lib/messaging/errors';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorNotice } from './ErrorNotice';
import { BLOCKS_GLOBAL, SHARED_GLOBAL } from './lazy-blocks-contract';
import { INJECT_KIND } from '@/lib/messaging/inject-request';

type BlocksModule = {
  ProfileBlocks: React.ComponentType<{ contact: Contact }>;
  PrivacyForm: React.ComponentType<PrivacyProps>;
  ScoreExplanation: React.ComponentType<{ contactId: string }>;
  DeleteConfirm: React.ComponentType<DeleteConfirmProps>;
};

// Only what the block code imports from react-query: anything else would be kept in the content script for nothing.
Reflect.set(globalThis, SHARED_GLOBAL, { react: React, jsxRuntime, reactQuery: { queryOptions, useMutation, useQuery, useQueryClient }, client, errors, i18n: { i18n }, uiLanguage: { uiLanguage } });
// Blocks left by an earlier run of this script in the same world (started again in an open tab) are bound to that
// run's React: they are dropped, and injected again for this one.
Reflect.deleteProperty(globalThis, BLOCKS_GLOBAL);

let loading: Promise<BlocksModule> | null = null;

/** The block script's components, injecting it once per frame; a failed load is tried again on the next card. */
function loadBlocks(): Promise<BlocksModule> {
  const loaded = () => Reflect.get(globalThis, BLOCKS_GLOBAL) as BlocksModule | undefined;
  const ready = loaded();
  if (ready) return Promise.resolve(ready);
  loading ??= browser.runtime
    .sendMessage({ kind: INJECT_KIND, script: 'sidebar-blocks' })
    .then((reply) => {
      const blocks = (reply as { ok?: boolean } | undefined)?.ok ? loaded() : undefined;
      if (!blocks) {
        console.warn('[ficha] record blocks not loaded', reply);
        throw new Error(i18n.t('sidebar.blocksUnavailable'));
      }
      return blocks;
    })
    .finally(() => (loading = null));
  return loading;
}

/** Injects the block script ahead of the first card (the page is idle); a failure is tried again by that card. */
export function preloadBlocks(): void {
  loadBlocks().catch(() => undefined);
}

/** A lazy component for one export of the block script. */
function lazyBlock<P extends object>(pick: (blocks: BlocksModule) => React.ComponentType<P>) {
  type Loaded = { default: React.ComponentType<P> };
  const create = () =>
    lazy<React.ComponentType<P>>(() => {
      const ready = Reflect.get(globalThis, BLOCKS_GLOBAL) as BlocksModule | undefined;
      // Already injected: a thenable that answers at once, which React reads in the same pass (a promise would suspend
      // the first card for a microtask and render it a second time).
      if (ready) return { then: (resolve: (m: Loaded) => void) => resolve({ default: pick(ready) }) } as Promise<Loaded>;
      return loadBlocks().then(
        (blocks): Loaded => ({ default: pick(blocks) }),
        (error: unknown): Loaded => {
          Lazy = create(); // React keeps a lazy component's outcome: the next card gets a fresh attempt
          return { default: () => <ErrorNotice error={error} /> };
        },
      );
    });
  let Lazy = create() as React.ComponentType<P>;
  return function Block(props: P) {
    return (
      <ErrorBoundary>
        <Suspense fallback={null}>
          <Lazy {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  };
}

export const ProfileBlocks = lazyBlock((blocks) => blocks.ProfileBlocks);
export const PrivacyForm = lazyBlock((blocks) => blocks.PrivacyForm);
export const ScoreExplanation = lazyBlock((blocks) => blocks.ScoreExplanation);
export const DeleteConfirm = lazyBlock((blocks) => blocks.DeleteConfirm);
