// What the content script and its lazily injected profile-block script (entrypoints/sidebar-blocks.ts) agree on.
// Both run in the extension's isolated world of the same frame, so they meet on its globalThis, which the page
// cannot see. The shared modules are one instance each: React and react-query must be (hooks, context), the client
// keeps one batching queue, and `instanceof FichaError` must hold across the two scripts.

/** Where the content script puts the modules the block script uses instead of bundling its own copies. */
export const SHARED_GLOBAL = '__fichaShared';
/** Where the block script puts its components once it has run. */
export const BLOCKS_GLOBAL = '__fichaBlocks';

/** Module specifier → property of SHARED_GLOBAL (wxt.config.ts makes them externals of the block script). */
export const SHARED_MODULES = {
  react: 'react',
  'react/jsx-runtime': 'jsxRuntime',
  '@tanstack/react-query': 'reactQuery',
  '@/lib/messaging/client': 'client',
  '@/lib/messaging/errors': 'errors',
  '@/lib/i18n/cached-messages': 'i18n',
  // Its own copy would bring the browser API polyfill along.
  '@/lib/i18n/ui-language': 'uiLanguage',
} as const;
