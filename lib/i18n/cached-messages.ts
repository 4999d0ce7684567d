// The extension's messages for the content script's UI, each looked up once. A message cannot change while a page
// lives, and every `browser.i18n.getMessage` is an extension API call (argument checks in the bindings): a contact
// card asks for ~150 labels, which cost the webmail page several ms of scripting on every thread switch.
import { i18n as messages } from '#i18n';

/** Entries kept at most; substitutions (names, counts) make the key space open-ended. */
const MAX_ENTRIES = 2000;
const cache = new Map<string, string>();

function cachedT(key: string, ...args: unknown[]): string {
  // No substitutions (most labels): the key alone; otherwise the arguments as JSON after a separator no key has.
  const id = args.length === 0 ? key : `${key}\u0000${JSON.stringify(args)}`;
  let text = cache.get(id);
  if (text === undefined) {
    text = (messages.t as (key: string, ...args: unknown[]) => string)(key, ...args);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(id, text);
  }
  return text;
}

/** Same API and types as `#i18n`. */
export const i18n: typeof messages = { t: cachedT as typeof messages.t };
