import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clampWidth, DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, WIDTH_KEY, widthForKey, widthStore } from '@/components/sidebar/resize';

describe('sidebar width', () => {
  it('is kept within the bounds, and anything that is not a number is the default', () => {
    expect(clampWidth(100)).toBe(MIN_WIDTH);
    expect(clampWidth(9999)).toBe(MAX_WIDTH);
    expect(clampWidth(400.4)).toBe(400);
    expect(clampWidth('400')).toBe(DEFAULT_WIDTH);
    expect(clampWidth(Number.NaN)).toBe(DEFAULT_WIDTH);
    expect(clampWidth(undefined)).toBe(DEFAULT_WIDTH);
  });

  it('moves with the keys: left widens, right narrows, Shift faster, Home/End to the bounds', () => {
    expect(widthForKey(320, 'ArrowLeft')).toBe(336);
    expect(widthForKey(320, 'ArrowRight')).toBe(304);
    expect(widthForKey(320, 'ArrowLeft', true)).toBe(384);
    expect(widthForKey(290, 'ArrowRight')).toBe(MIN_WIDTH);
    expect(widthForKey(320, 'Home')).toBe(MIN_WIDTH);
    expect(widthForKey(320, 'End')).toBe(MAX_WIDTH);
    expect(widthForKey(320, 'Enter')).toBeNull();
  });

  it('loads the remembered width, follows other tabs, and remembers only what is persisted', async () => {
    await fakeBrowser.storage.local.set({ [WIDTH_KEY]: 444 });
    const seen: number[] = [];
    const stop = widthStore.subscribe(() => seen.push(widthStore.get()));
    await expect.poll(() => widthStore.get()).toBe(444);
    await fakeBrowser.storage.local.set({ [WIDTH_KEY]: 9000 });
    await expect.poll(() => widthStore.get()).toBe(MAX_WIDTH);
    widthStore.set(300, false);
    expect(widthStore.get()).toBe(300);
    expect((await fakeBrowser.storage.local.get(WIDTH_KEY))[WIDTH_KEY]).toBe(9000);
    widthStore.set(300);
    await expect.poll(async () => (await fakeBrowser.storage.local.get(WIDTH_KEY))[WIDTH_KEY]).toBe(300);
    stop();
    expect(seen.length).toBeGreaterThan(2);
  });
});
