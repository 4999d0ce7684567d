// A content script's request for one of the extension's scripts to be run in its own frame (the background answers
// with scripting.executeScript / tabs.executeScript). Zod-free: the content scripts import it.

export const INJECT_KIND = 'ficha.inject';

/** The only scripts a content script may ask for, by name → file in the build. */
export const INJECTABLE = { 'sidebar-blocks': '/sidebar-blocks.js' } as const satisfies Record<string, `/${string}.js`>;
export type InjectableScript = keyof typeof INJECTABLE;

/** Asked of a tab's content script: one of this version answers LIVE_PONG (an older one no longer can). */
export const LIVE_PING = 'ficha.ping';
export const LIVE_PONG = 'ficha.pong';
