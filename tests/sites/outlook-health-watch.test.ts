// The health store the sidebar can use for its manual-search fallback: 'unrecognised' only after a grace period.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchHealth } from '@/lib/sites/health-watch';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { loadOutlookIntoDocument } from './outlook-fixtures';

describe('watchHealth (Outlook)', () => {
  const controller = new AbortController();
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('a recognised conversation is reported at once; an unknown page only after the grace period', async () => {
    vi.useFakeTimers();
    loadOutlookIntoDocument('thread-en-multi.html');
    const store = watchHealth(outlookAdapter, document, controller.signal, 3000);
    expect(store.getSnapshot()).toBe('thread');

    const listener = vi.fn();
    store.subscribe(listener);
    document.body.innerHTML = '<div><div>Outlook, redesigned</div></div>';
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getSnapshot()).toBe('thread');
    await vi.advanceTimersByTimeAsync(3000);
    expect(store.getSnapshot()).toBe('unrecognised');
    expect(listener).toHaveBeenCalled();

    loadOutlookIntoDocument('inbox-en.html');
    await vi.advanceTimersByTimeAsync(100);
    expect(store.getSnapshot()).toBe('idle');
    controller.abort();
  });
});
