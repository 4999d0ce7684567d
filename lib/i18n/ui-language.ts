// The browser's UI language, read once: it cannot change while a page lives, and each read is an extension API call
// that the sidebar would otherwise make on every render of every thread switch.
import { browser } from 'wxt/browser';

let cached: string | undefined;

export const uiLanguage = (): string => (cached ??= browser.i18n.getUILanguage());
