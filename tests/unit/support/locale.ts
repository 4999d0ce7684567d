// Messages from a locale file served through fakeBrowser.i18n, as the browser would ($1, $2… filled in).
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export async function useLocale(locale: 'en' | 'es') {
  const messages = generateChromeMessages(await parseMessagesFile(`locales/${locale}.yml`));
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string, subs?: string[]) =>
    (messages[name]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs?.[Number(n) - 1] ?? '')) as never);
  return messages;
}
