// The first card's one-time costs are paid while the page is idle: the steps run one per idle task, in order, and
// stop when the content script is invalidated; once the block script is injected ahead of time, the first card
// renders its record blocks in the same pass instead of suspending.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { warmUpWhenIdle } from '@/components/sidebar/idle-warm-up';
import { preloadBlocks, ProfileBlocks } from '@/components/sidebar/lazy-blocks';
import { BLOCKS_GLOBAL } from '@/components/sidebar/lazy-blocks-contract';
import type { Contact } from '@/lib/domain/contact';
import { INJECT_KIND } from '@/lib/messaging/inject-request';

describe('warmUpWhenIdle', () => {
  it('runs each step in its own later task, in order', async () => {
    const order: string[] = [];
    const done = warmUpWhenIdle(new AbortController().signal, [() => order.push('a'), () => order.push('b')]);
    expect(order).toEqual([]);
    await done;
    expect(order).toEqual(['a', 'b']);
  });

  it('stops once the content script is invalidated', async () => {
    const controller = new AbortController();
    const order: string[] = [];
    const done = warmUpWhenIdle(controller.signal, [() => (order.push('a'), controller.abort()), () => order.push('b')]);
    await done;
    expect(order).toEqual(['a']);
  });
});

describe('preloadBlocks', () => {
  it('injects the block script, after which the first card shows its blocks without suspending', async () => {
    const inject = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async () => {
      Reflect.set(globalThis, BLOCKS_GLOBAL, { ProfileBlocks: ({ contact }: { contact: Contact }) => <p data-testid="blocks">{contact.id}</p> });
      return { ok: true };
    }) as never);
    preloadBlocks();
    expect(inject).toHaveBeenCalledWith({ kind: INJECT_KIND, script: 'sidebar-blocks' });
    await vi.waitFor(() => expect(Reflect.get(globalThis, BLOCKS_GLOBAL)).toBeDefined());

    const container = document.createElement('div');
    const root = createRoot(container);
    flushSync(() => root.render(<ProfileBlocks contact={{ id: 'c1' } as Contact} />));
    expect(container.querySelector('[data-testid=blocks]')?.textContent).toBe('c1');
    root.unmount();
  });
});
