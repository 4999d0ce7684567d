// Outlook observe(): reading-pane changes and compose focus moves are reported, message-list churn is not, and
// nothing is reported after abort. Plus the content script's local diagnostics record.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DIAGNOSTICS_KEY, type PageDiagnostics } from '@/lib/sites/diagnostics';
import { recordDiagnostics } from '@/lib/sites/diagnostics-recorder';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { shareObserver } from '@/lib/sites/shared-observer';
import { loadOutlookIntoDocument } from './outlook-fixtures';

const delivered = async () => {
  await Promise.resolve();
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
};

describe('outlook observe', () => {
  let controller = new AbortController();
  afterEach(() => {
    controller.abort();
    controller = new AbortController();
    document.body.innerHTML = '';
  });

  it('reports reading-pane changes, ignores message-list churn, stops on abort', async () => {
    loadOutlookIntoDocument('thread-en-multi.html');
    const onChange = vi.fn();
    outlookAdapter.observe(document, onChange, controller.signal);

    // Scrolling the virtualised list re-renders rows: nothing to read.
    document.querySelector('#MailList [role=listbox]')?.append(document.createElement('div'));
    await delivered();
    expect(onChange).not.toHaveBeenCalled();

    // Another conversation is opened: the list row selection flips and the reading pane is re-rendered.
    document.querySelector('[data-convid="AAQkADQ3OTg1-list-older"]')?.setAttribute('aria-selected', 'true');
    document.getElementById('ConversationReadingPaneContainer')?.remove();
    await delivered();
    expect(onChange).toHaveBeenCalled();
    expect(outlookAdapter.readThread(document)).toBeNull();

    controller.abort();
    onChange.mockClear();
    document.getElementById('ReadingPaneContainerId')?.append(document.createElement('div'));
    await delivered();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('ignores the rep typing in a body editor, reports recipient changes', async () => {
    loadOutlookIntoDocument('compose-es.html');
    const onChange = vi.fn();
    outlookAdapter.observe(document, onChange, controller.signal);
    document.querySelector('#compose-main [aria-multiline=true] div')?.append(' y más texto');
    document.querySelector('#compose-main [aria-multiline=true]')?.append(document.createElement('div'));
    await delivered();
    expect(onChange).not.toHaveBeenCalled();
    document.querySelector('#compose-main [aria-label=Para] [data-lpc-hover-target-id]')?.remove();
    await delivered();
    expect(onChange).toHaveBeenCalled();
  });

  it('reports a focus move between compose forms', async () => {
    loadOutlookIntoDocument('compose-es.html');
    const onChange = vi.fn();
    outlookAdapter.observe(document, onChange, controller.signal);
    (document.querySelector('#compose-main [aria-multiline=true]') as HTMLElement).focus();
    await delivered();
    expect(onChange).toHaveBeenCalled();
    expect(outlookAdapter.readThread(document)?.threadId).toBe('compose:AAMkADraft-es-1');
    (document.activeElement as HTMLElement).blur();
  });
});

describe('outlook diagnostics (browser.storage.local, never sent anywhere)', () => {
  afterEach(() => vi.useRealTimers());

  it('records which selectors matched and the page health, once per change', async () => {
    vi.useFakeTimers();
    loadOutlookIntoDocument('thread-de.html');
    const controller = new AbortController();
    const onChange = vi.fn();
    const shared = shareObserver(outlookAdapter, document, controller.signal);
    shared.observe(document, onChange, controller.signal);
    recordDiagnostics(shared, document, controller.signal);
    await vi.advanceTimersByTimeAsync(2000);

    const stored = (await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY] as PageDiagnostics[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ site: 'outlook', health: 'thread' });
    // The German fixture has no item ids: the sender was found by its aria structure (fallback 1).
    expect(stored[0]?.selectors.sender).toBe(1);
    expect(stored[0]?.fallbacks).toContain('sender');
    // The sidebar still hears every change through the same observer.
    document.getElementById('ConversationReadingPaneContainer')?.remove();
    await vi.advanceTimersByTimeAsync(50);
    expect(onChange).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2000);
    const after = (await fakeBrowser.storage.local.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY] as PageDiagnostics[];
    expect(after.map((e) => e.health)).toEqual(['idle', 'thread']);
    controller.abort();
    document.body.innerHTML = '';
  });
});
