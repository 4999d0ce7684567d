// One page observer for the whole sidebar: the thread store, health and diagnostics each subscribe, but the adapter
// observes the page once; listeners run in subscription order and leave when their own signal aborts.
import { describe, expect, it, vi } from 'vitest';
import { shareObserver } from '@/lib/sites/shared-observer';
import type { SiteAdapter } from '@/lib/sites/types';

function fakeAdapter() {
  const changes: (() => void)[] = [];
  const observe = vi.fn((_doc: Document, onChange: () => void) => void changes.push(onChange));
  const adapter: SiteAdapter = { site: 'gmail', readThread: () => null, observe, insertAtCaret: () => false };
  return { adapter, observe, change: () => changes.forEach((c) => c()) };
}

describe('shareObserver', () => {
  it('observes the page once for any number of listeners, in subscription order', () => {
    const { adapter, observe, change } = fakeAdapter();
    const page = new AbortController();
    const shared = shareObserver(adapter, document, page.signal);
    const calls: string[] = [];
    for (const name of ['thread', 'health', 'diagnostics']) shared.observe(document, () => calls.push(name), page.signal);
    expect(observe).toHaveBeenCalledTimes(1);
    change();
    expect(calls).toEqual(['thread', 'health', 'diagnostics']);
  });

  it('a listener leaves when its signal aborts; none is added after the page signal aborted', () => {
    const { adapter, change } = fakeAdapter();
    const page = new AbortController();
    const shared = shareObserver(adapter, document, page.signal);
    const own = new AbortController();
    const leaving = vi.fn();
    const staying = vi.fn();
    shared.observe(document, leaving, own.signal);
    shared.observe(document, staying, page.signal);
    own.abort();
    change();
    expect(leaving).not.toHaveBeenCalled();
    expect(staying).toHaveBeenCalledTimes(1);

    page.abort();
    const late = vi.fn();
    shared.observe(document, late, new AbortController().signal);
    change();
    expect(late).not.toHaveBeenCalled();
  });

  it('refuses another document (one observation covers one page)', () => {
    const { adapter } = fakeAdapter();
    const shared = shareObserver(adapter, document, new AbortController().signal);
    const other = document.implementation.createHTMLDocument('other');
    expect(() => shared.observe(other, () => undefined, new AbortController().signal)).toThrow(/one document/);
  });
});
