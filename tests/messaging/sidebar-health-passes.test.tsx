// The sidebar renders for the page's health only when it goes to or from "unrecognised" (the "Find a contact" box):
// a thread opened or left moves the health too, and an extra React pass there would cost every thread switch.
import { act, Profiler } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sidebar } from '@/components/sidebar/Sidebar';
import type { HealthStore } from '@/lib/sites/health-watch';
import type { PageHealth, ThreadContext } from '@/lib/sites/types';
import type { ThreadStore } from '@/lib/sites/watch';
import { useLocale } from '../unit/support/locale';
import { renderInSidebar } from './card-fixture';

function store<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    getSnapshot: () => value,
    set(next: T) {
      value = next;
      listeners.forEach((l) => l());
    },
  };
}

describe('the sidebar and the page health', () => {
  let container: HTMLElement;
  let root: Root;
  let commits: number;

  beforeEach(async () => {
    await useLocale('en');
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    commits = 0;
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('renders nothing more when the health moves between idle, thread and compose, and shows the search when unrecognised', async () => {
    const thread = store<ThreadContext | null>(null);
    const health = store<PageHealth>('idle');
    await act(async () =>
      renderInSidebar(
        root,
        <Profiler id="sidebar" onRender={() => commits++}>
          <Sidebar store={thread as ThreadStore} health={health as HealthStore} />
        </Profiler>,
      ),
    );
    const afterMount = commits;
    await act(async () => health.set('thread'));
    await act(async () => health.set('compose'));
    await act(async () => health.set('idle'));
    expect(commits).toBe(afterMount);
    expect(container.textContent).toBe('');

    await act(async () => health.set('unrecognised'));
    expect(commits).toBe(afterMount + 1);
    expect(container.querySelector('[data-testid=find-contact]')).not.toBeNull();
    await act(async () => health.set('idle'));
    expect(container.querySelector('[data-testid=find-contact]')).toBeNull();
  });
});
