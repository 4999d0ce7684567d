// The extension's messages for the content script's UI, each looked up once. A message cannot change while a page
// lives, and every `browser.i18n.getMessage` is an extension API call (argument checks in the bindings): a contact
// card asks for ~150 labels, which cost the webmail page several ms of scripting on every thread switch.
// Same API and types as `#i18n` (@wxt-dev/i18n) for the forms the UI uses (substitutions, plural by count), without
// bundling it: the content script's budget is 100 KiB gzip.
import { browser } from 'wxt/browser';
import type { i18n as Messages } from '#i18n';

/** Entries kept at most; substitutions (names, counts) make the key space open-ended. */
const MAX_ENTRIES = 2000;
const cache = new Map<string, string>();

function lookUp(key: string, args: unknown[]): string {
  let subs: string[] | undefined;
  let count: number | undefined;
  for (const arg of args) {
    if (typeof arg === 'number') count = arg;
    else if (Array.isArray(arg)) subs = arg.map(String);
  }
  // Typed for the manifest's predefined names only; the locales' keys are checked by the `typeof Messages` API below.
  const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
  const text = getMessage(key.replaceAll('.', '_'), subs ?? (count === undefined ? undefined : [String(count)]));
  if (count === undefined) return text;
  // "one | many" or "zero | one | many", as @wxt-dev/i18n reads them.
  const forms = text.split(' | ');
  return (forms.length === 2 ? forms[count === 1 ? 0 : 1] : forms.length === 3 ? forms[count === 0 || count === 1 ? count : 2] : forms[0]) ?? text;
}

function t(key: string, ...args: unknown[]): string {
  // No substitutions (most labels): the key alone; otherwise the arguments as JSON after a separator no key has.
  const id = args.length === 0 ? key : `${key}\u0000${JSON.stringify(args)}`;
  let text = cache.get(id);
  if (text === undefined) {
    text = lookUp(key, args);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(id, text);
  }
  return text;
}

export const i18n: typeof Messages = { t: t as typeof Messages.t };
