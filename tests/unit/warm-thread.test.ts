// The thread reaches the sidebar once its card's data is cached (one React pass per switch), and never later than
// the patience allows; leaving a thread, or a thread with nobody to look up, passes at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { warmedThread } from '@/components/sidebar/warm-thread';
import type { ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';

const thread = (id: string, people = 1): ThreadContext => ({
  site: 'gmail',
  threadId: id,
  subject: id,
  messageIds: [],
  messages: [],
  participants: Array.from({ length: people }, (_, i) => ({ email: `p${i}@${id}.example`, name: `P${i}`, roles: ['from'] })),
  selfEmail: 'rep@acme.example',
});

/** A raw thread store the test moves by hand. */
function rawStore(initial: ThreadContext | null = null) {
  let current = initial;
  const listeners = new Set<() => void>();
  const store: ThreadStore = { subscribe: (l) => (listeners.add(l), () => listeners.delete(l)), getSnapshot: () => current };
  return { store, set: (next: ThreadContext | null) => ((current = next), listeners.forEach((l) => l())) };
}

/** A warm-up per thread that finishes (or fails) when the test says. */
function manualWarm() {
  const pending = new Map<string, { resolve(): void; reject(e: Error): void }>();
  const warm = vi.fn((t: ThreadContext) => new Promise<void>((resolve, reject) => pending.set(t.threadId!, { resolve, reject })));
  return { warm, finish: (id: string) => pending.get(id)!.resolve(), fail: (id: string) => pending.get(id)!.reject(new Error('unreachable')) };
}

describe('warmedThread', () => {
  let controller: AbortController;
  beforeEach(() => {
    vi.useFakeTimers();
    controller = new AbortController();
  });
  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
  });

  /** A raw store at `initial`, a warm-up finished by hand, and the warmed store over them (100 ms patience). */
  const start = (initial: ThreadContext | null = null) => {
    const raw = rawStore(initial);
    const warming = manualWarm();
    return { raw, ...warming, shown: warmedThread(raw.store, warming.warm, controller.signal, 100) };
  };

  it('shows a new thread only once its warm-up is done, notifying once', async () => {
    const { raw, warm, finish, shown } = start();
    const heard = vi.fn();
    shown.subscribe(heard);
    const a = thread('a');
    raw.set(a);
    expect(warm).toHaveBeenCalledWith(a);
    expect(shown.getSnapshot()).toBeNull();
    finish('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()).toBe(a);
    expect(heard).toHaveBeenCalledTimes(1);
    // The patience timer was cleared: nothing more happens later.
    await vi.advanceTimersByTimeAsync(500);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('shows the thread when its warm-up fails (the card shows the error)', async () => {
    const { raw, fail, shown } = start();
    raw.set(thread('a'));
    fail('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()?.threadId).toBe('a');
  });

  it('shows the newest thread after the patience even when its warm-up is still running', async () => {
    const { raw, finish, shown } = start();
    raw.set(thread('a'));
    await vi.advanceTimersByTimeAsync(60);
    raw.set(thread('b'));
    // The clock started with the first waiting thread: a page that keeps changing cannot hold the sidebar back.
    await vi.advanceTimersByTimeAsync(40);
    expect(shown.getSnapshot()?.threadId).toBe('b');
    // The overtaken warm-up finishing later does not bring the older thread back.
    finish('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()?.threadId).toBe('b');
  });

  it('drops a warm-up overtaken by a newer thread', async () => {
    const { raw, finish, shown } = start();
    raw.set(thread('a'));
    raw.set(thread('b'));
    finish('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()).toBeNull();
    finish('b');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()?.threadId).toBe('b');
  });

  it('passes leaving a thread, and a thread with nobody to look up, at once', async () => {
    const { raw, warm, finish, shown } = start();
    raw.set(thread('a'));
    finish('a');
    await vi.advanceTimersByTimeAsync(0);
    raw.set(null);
    expect(shown.getSnapshot()).toBeNull();
    const empty = thread('e', 0);
    raw.set(empty);
    expect(shown.getSnapshot()).toBe(empty);
    expect(warm).toHaveBeenCalledTimes(1);
  });

  it('leaving while a warm-up runs cancels it: the thread never flashes in after', async () => {
    const { raw, finish, shown } = start();
    const heard = vi.fn();
    shown.subscribe(heard);
    raw.set(thread('a'));
    raw.set(null);
    finish('a');
    await vi.advanceTimersByTimeAsync(500);
    expect(shown.getSnapshot()).toBeNull();
    expect(heard).not.toHaveBeenCalled();
  });

  it('warms the thread open when it starts, and stops listening once aborted', async () => {
    const a = thread('a');
    const { raw, warm, finish, shown } = start(a);
    expect(warm).toHaveBeenCalledWith(a);
    finish('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.getSnapshot()).toBe(a);
    controller.abort();
    raw.set(null);
    expect(shown.getSnapshot()).toBe(a);
  });
});
