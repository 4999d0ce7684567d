// The first card's one-time costs, paid while the page is idle after load instead of on the rep's first thread: the
// date formatters (~10 ms: the locale's calendar data is loaded on first use), the UI language (an extension API
// call) and the record block script. Each step is its own idle task, so none adds a long task to the page.
import { emailsInText } from '@/lib/domain/email';
import { uiLanguage } from '@/lib/i18n/ui-language';
import { formatDateTime } from './blocks/format';
import { preloadBlocks } from './lazy-blocks';
import { yieldToPage } from './yield-to-page';

const STEPS: ReadonlyArray<() => unknown> = [
  () => formatDateTime(Date.now()),
  uiLanguage,
  preloadBlocks,
  // Compiles the address pattern (~1 ms) that the first thread's read of the account's own address runs.
  () => emailsInText('warm-up@example.com'),
];

export async function warmUpWhenIdle(signal: AbortSignal, steps = STEPS): Promise<void> {
  for (const step of steps) {
    await yieldToPage(2000);
    if (signal.aborted) return;
    step();
  }
}
