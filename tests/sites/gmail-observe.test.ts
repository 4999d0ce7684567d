// observe(): SPA navigation in the live test document, coalescing per frame, and teardown on abort.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gmailAdapter } from '@/lib/sites/gmail/adapter';
import { loadIntoDocument } from './gmail-fixtures';

/** Lets pending MutationObserver callbacks run (microtasks), then waits for the frame they scheduled. */
async function nextFrame(): Promise<void> {
  await Promise.resolve();
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
}
const hashChanged = () => new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));

/** The thread-en-multi views: [inbox, earlier thread, open thread]. */
const views = () => Array.from(document.querySelectorAll<HTMLElement>('div.aeF > div.nH > div.nH'));

function showInbox(): void {
  const [inbox, earlier, thread] = views();
  inbox!.style.display = '';
  earlier!.style.display = 'none';
  thread!.style.display = 'none';
}

function openThread(): void {
  const [inbox, , thread] = views();
  inbox!.style.display = 'none';
  thread!.style.display = '';
}

describe('gmail observe', () => {
  const controller = new AbortController();
  afterEach(() => controller.abort());

  it('follows the SPA from the inbox to a thread: at once, then at most once per frame; stops on abort', async () => {
    loadIntoDocument('thread-en-multi.html');
    showInbox();
    expect(gmailAdapter.readThread(document)).toBeNull();

    const onChange = vi.fn();
    const { signal } = controller;
    gmailAdapter.observe(document, onChange, signal);

    // Gmail switches views by toggling display, then updates the hash.
    const navigated = hashChanged();
    openThread();
    await Promise.resolve(); // the MutationObserver delivers: the first change is read without waiting for a frame
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(gmailAdapter.readThread(document)?.subject).toBe('Quote for Q3 onboarding');
    for (let i = 0; i < 20; i++) views()[0]!.setAttribute('style', `display: none; min-height: ${i}px`);
    window.dispatchEvent(new PopStateEvent('popstate'));
    await Promise.resolve();
    expect(onChange).toHaveBeenCalledTimes(1); // the rest of the burst waits for the frame…
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(2); // …and becomes a single trailing call
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(2); // a quiet frame calls nothing

    location.hash = '#inbox/FMfcgzQbdrLmQvKxWcNnHvBrJlNrLmKp';
    await navigated;
    expect(onChange).toHaveBeenCalledTimes(3);

    controller.abort();
    showInbox();
    location.hash = '#inbox';
    window.dispatchEvent(new PopStateEvent('popstate'));
    await nextFrame();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(3);
    expect(gmailAdapter.readThread(document)).toBeNull();
  });

  it('reads a switch once when its URL event comes before its mutation records are delivered', async () => {
    loadIntoDocument('thread-en-multi.html');
    showInbox();
    const local = new AbortController();
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, local.signal);
    // Gmail's order in one task: the view changes, then the URL, whose popstate is dispatched at once.
    openThread();
    history.pushState(null, '', '#inbox/FMfcgzQbdrLmQvKxWcNnHvBrJlNrLmKq');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(onChange).toHaveBeenCalledTimes(1);
    await nextFrame();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(1); // the queued records described what that read already saw
    // A change after the read is still seen.
    showInbox();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(2);
    local.abort();
  });

  it('cancels a trailing change already scheduled when the signal aborts', async () => {
    loadIntoDocument('thread-en-multi.html');
    const local = new AbortController();
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, local.signal);
    showInbox();
    await Promise.resolve(); // leading call
    openThread();
    await Promise.resolve(); // queued for the end of the frame
    local.abort();
    await nextFrame();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('observes the body before Gmail has rendered its main container, then narrows to the views and the compose host', async () => {
    document.title = 'Gmail';
    document.body.innerHTML = '<div id="loading">Loading…</div>';
    const local = new AbortController();
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, local.signal);
    document.body.insertAdjacentHTML('beforeend', '<div class="aeF"><div class="nH"></div></div><div class="dw"></div><div id="chat"></div>');
    await nextFrame();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(1);
    // The chat panel (outside the views and the compose host) no longer wakes the sidebar…
    document.getElementById('chat')!.textContent = 'New message from a colleague';
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(1);
    // …the views and the compose host do.
    document.querySelector('div.aeF > div.nH')!.append(document.createElement('div'));
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(2);
    await nextFrame();
    document.querySelector('div.dw')!.append(document.createElement('div'));
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(3);
    local.abort();
  });

  it('follows a views container Gmail replaced, from the next switch on', async () => {
    loadIntoDocument('thread-en-multi.html');
    // With a compose host the body itself is not observed, so nothing above the views container is heard.
    document.body.insertAdjacentHTML('beforeend', '<div class="dw"></div>');
    showInbox();
    const local = new AbortController();
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, local.signal);
    const old = document.querySelector('div.aeF > div.nH')!;
    old.replaceWith(old.cloneNode(true));
    await nextFrame();
    expect(onChange).not.toHaveBeenCalled(); // the replacement happened above the observed container
    // The next switch changes the URL: that read finds the detached container and observes the new one.
    const navigated = hashChanged();
    location.hash = '#inbox/FMfcgzQbdrLmQvKxWcNnHvBrJlNrLmKr';
    await navigated;
    expect(onChange).toHaveBeenCalledTimes(1);
    await nextFrame();
    await nextFrame();
    // A view switch without a URL change (Gmail re-showing a view) is heard from the new container.
    openThread();
    await nextFrame();
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(gmailAdapter.readThread(document)?.subject).toBe('Quote for Q3 onboarding');
    local.abort();
  });

  it('falls back to a 16 ms timer where requestAnimationFrame is missing', async () => {
    loadIntoDocument('thread-en-multi.html');
    const raf = window.requestAnimationFrame;
    Reflect.set(window, 'requestAnimationFrame', undefined);
    const local = new AbortController();
    const onChange = vi.fn();
    try {
      gmailAdapter.observe(document, onChange, local.signal);
      showInbox();
      await Promise.resolve();
      openThread(); // a change after that read, within the same frame: left for the timer
      await Promise.resolve();
      expect(onChange).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(onChange).toHaveBeenCalledTimes(2);
    } finally {
      local.abort();
      Reflect.set(window, 'requestAnimationFrame', raf);
    }
  });

  it('does nothing with an already aborted signal', async () => {
    loadIntoDocument('inbox-en.html');
    const onChange = vi.fn();
    gmailAdapter.observe(document, onChange, AbortSignal.abort());
    document.body.append(document.createElement('div'));
    await nextFrame();
    expect(onChange).not.toHaveBeenCalled();
  });
});
