// The sidebar follows the webmail's theme without paying a style recalculation on every thread shown: computed styles
// are read again only when the page's theme hooks changed, or after a while.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { themeStore } from '@/components/sidebar/theme-store';

describe('the sidebar theme', () => {
  let reads: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    vi.useFakeTimers();
    document.body.removeAttribute('style');
    reads = vi.spyOn(window, 'getComputedStyle');
  });
  afterEach(() => vi.useRealTimers());

  const threadShown = async () => {
    themeStore.refreshWhenIdle();
    await vi.advanceTimersByTimeAsync(600);
  };

  it('reads the page once, then not again for threads shown while nothing about the theme changed', async () => {
    expect(themeStore.get()).toBe('light');
    const first = reads.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    await threadShown();
    await threadShown();
    expect(reads.mock.calls.length).toBe(first);
  });

  it('follows a theme switched without a reload at the next thread, and tells the sidebar', async () => {
    themeStore.get();
    const heard = vi.fn();
    const stop = themeStore.subscribe(heard);
    document.body.style.background = 'rgb(32, 33, 36)';
    await threadShown();
    expect(themeStore.get()).toBe('dark');
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
  });

  it('looks again after 10 s even when no hook changed', async () => {
    themeStore.get();
    await threadShown();
    const before = reads.mock.calls.length;
    vi.advanceTimersByTime(10_000);
    await threadShown();
    expect(reads.mock.calls.length).toBeGreaterThan(before);
  });
});
