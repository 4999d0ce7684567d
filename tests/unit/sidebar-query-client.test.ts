// The sidebar's query cache sets no timer per query, and stays bounded: past the bound, unused answers go, oldest first.
import { QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSidebarQueryClient } from '@/components/sidebar/sidebar-query-client';
import { FRESH_MS } from '@/lib/query/hooks';

describe('createSidebarQueryClient', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps answers without a timer each', async () => {
    vi.useFakeTimers();
    const client = createSidebarQueryClient(10);
    await client.prefetchQuery({ queryKey: ['a'], queryFn: () => 1 });
    const observer = new QueryObserver(client, { queryKey: ['a'], queryFn: () => 1 });
    observer.subscribe(() => {})();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(client.getQueryData(['a'])).toBe(1);
  });

  it('trims unused answers older than FRESH_MS, least recently answered first, down to half the bound', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const client = createSidebarQueryClient(6);
    const observed = new QueryObserver(client, { queryKey: ['shown'], queryFn: () => 'card' });
    const stop = observed.subscribe(() => {});
    await vi.waitFor(() => expect(client.getQueryData(['shown'])).toBe('card'));
    for (let i = 0; i < 6; i++) {
      vi.setSystemTime(Date.now() + 2 * FRESH_MS); // each answer older than FRESH_MS by the next one
      client.setQueryData(['n', i], i);
    }
    const keys = client.getQueryCache().getAll().map((q) => JSON.stringify(q.queryKey));
    // The 7th entry passed the bound of 6: unused ones went, oldest first, down to 3; the one on screen stays, and the
    // one just added (not answered yet when the trim ran) too.
    expect(keys.sort()).toEqual(['["n",4]', '["n",5]', '["shown"]']);
    expect(client.getQueryData(['n', 5])).toBe(5);
    stop();
  });

  it('keeps answers younger than FRESH_MS past the bound: a render in progress may not observe them yet', () => {
    const client = createSidebarQueryClient(4);
    for (let i = 0; i < 8; i++) client.setQueryData(['n', i], i);
    expect(client.getQueryCache().getAll()).toHaveLength(8);
  });

  describe('freshness without timers', () => {
    const mount = (client: ReturnType<typeof createSidebarQueryClient>, queryFn: () => number) => {
      const observer = new QueryObserver(client, { queryKey: ['card'], queryFn });
      return observer.subscribe(() => {});
    };

    it('asks again on mount only for an answer older than FRESH_MS, or invalidated; mounting sets no timer', async () => {
      vi.useFakeTimers();
      const client = createSidebarQueryClient();
      const queryFn = vi.fn(() => 1);
      await client.prefetchQuery({ queryKey: ['card'], queryFn });
      expect(queryFn).toHaveBeenCalledTimes(1);

      mount(client, queryFn)();
      expect(vi.getTimerCount()).toBe(0);
      expect(queryFn).toHaveBeenCalledTimes(1); // fresh: the cached answer is shown

      await vi.advanceTimersByTimeAsync(FRESH_MS + 1);
      const stop = mount(client, queryFn);
      await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2)); // old: asked again
      await vi.waitFor(() => expect(client.getQueryState(['card'])?.fetchStatus).toBe('idle'));
      stop();

      await client.invalidateQueries({ queryKey: ['card'] });
      mount(client, queryFn)();
      await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(3)); // invalidated: asked again though fresh
    });

    it('asks again for an old answer when a view switches it on (a list unfolded long after it was fetched)', async () => {
      vi.useFakeTimers();
      const client = createSidebarQueryClient();
      const queryFn = vi.fn(() => 1);
      await client.prefetchQuery({ queryKey: ['all'], queryFn });
      const observer = new QueryObserver(client, { queryKey: ['all'], queryFn, enabled: false });
      const stop = observer.subscribe(() => {});
      await vi.advanceTimersByTimeAsync(FRESH_MS + 1);
      observer.setOptions({ queryKey: ['all'], queryFn, enabled: true });
      await vi.waitFor(() => expect(queryFn).toHaveBeenCalledTimes(2));
      // And fetchQuery, as the card's warm-up uses it, asks again for an old answer too.
      await vi.advanceTimersByTimeAsync(FRESH_MS + 1);
      stop();
      await client.fetchQuery({ queryKey: ['all'], queryFn });
      expect(queryFn).toHaveBeenCalledTimes(3);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
