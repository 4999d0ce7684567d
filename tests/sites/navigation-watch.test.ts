// Navigation events trigger a read only for a URL the last read has not seen.
import { afterEach, describe, expect, it } from 'vitest';
import { navigationAware } from '@/lib/sites/navigation-watch';

describe('navigationAware', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  it('skips a hashchange whose URL was already read, schedules one that was not', () => {
    let reads = 0;
    let scheduled = 0;
    const nav = navigationAware(window, () => reads++);
    nav.listen(() => scheduled++, controller.signal);

    window.history.replaceState(null, '', '#inbox/abc');
    nav.read(); // the DOM change of the switch was read with the new URL in place
    window.dispatchEvent(new Event('hashchange'));
    window.dispatchEvent(new Event('popstate'));
    expect(scheduled).toBe(0);

    window.history.replaceState(null, '', '#inbox'); // the URL moved on without a DOM change yet
    window.dispatchEvent(new Event('hashchange'));
    expect(scheduled).toBe(1);
    expect(reads).toBe(1);
  });

  it('stops listening when the signal aborts', () => {
    let scheduled = 0;
    const stop = new AbortController();
    navigationAware(window, () => {}).listen(() => scheduled++, stop.signal);
    stop.abort();
    window.history.replaceState(null, '', '#elsewhere');
    window.dispatchEvent(new Event('popstate'));
    expect(scheduled).toBe(0);
  });
});
