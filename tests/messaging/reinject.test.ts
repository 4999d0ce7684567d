// After an install or update: each content script is started in the open tabs its manifest entry matches.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { injectIntoOpenMailTabs } from '@/lib/messaging/features/reinject';

const scripts = [
  { matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'] },
  { matches: ['https://outlook.office.com/mail/*'], js: ['content-scripts/outlook.js'] },
];

describe('starting the sidebar in open webmail tabs', () => {
  const executeScript = vi.fn<(details: { target: { tabId: number }; files: string[] }) => Promise<unknown[]>>();
  const query = vi.fn<(info: { url: string[] }) => Promise<{ id?: number; discarded?: boolean }[]>>();
  beforeEach(() => {
    fakeBrowser.reset();
    executeScript.mockReset().mockResolvedValue([]);
    query.mockReset().mockImplementation(async ({ url }) =>
      url[0]!.includes('google') ? [{ id: 1 }, { id: 2, discarded: true }, { id: 3 }] : [{ id: 4 }],
    );
    Reflect.set(browser, 'scripting', { executeScript });
    vi.spyOn(browser.tabs, 'query').mockImplementation(query as never);
    // No tab answers: none runs this version's content script yet.
    vi.spyOn(browser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
  });
  afterEach(() => {
    Reflect.deleteProperty(browser, 'scripting');
    vi.restoreAllMocks();
  });

  it('runs each content script in the tabs its entry matches, skipping discarded tabs', async () => {
    expect(await injectIntoOpenMailTabs(scripts)).toEqual({ 'content-scripts/gmail.js': 2, 'content-scripts/outlook.js': 1 });
    expect(query.mock.calls.map(([info]) => info.url)).toEqual([['https://mail.google.com/*'], ['https://outlook.office.com/mail/*']]);
    expect(executeScript.mock.calls.map(([d]) => [d.target.tabId, d.files])).toEqual([
      [1, ['content-scripts/gmail.js']],
      [3, ['content-scripts/gmail.js']],
      [4, ['content-scripts/outlook.js']],
    ]);
  });

  it('goes on past a tab that cannot be injected (closed or navigated away meanwhile)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    executeScript.mockRejectedValueOnce(new Error('No tab with id: 1'));
    expect(await injectIntoOpenMailTabs(scripts)).toEqual({ 'content-scripts/gmail.js': 1, 'content-scripts/outlook.js': 1 });
    expect(executeScript).toHaveBeenCalledTimes(3);
  });

  it('leaves a tab that already runs this version alone, unless asked to start it anyway (an update)', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: { type: string }) => {
      if (tabId === 3 && message.type === 'ficha.ping') return 'ficha.pong';
      throw new Error('Receiving end does not exist.');
    }) as never);
    expect(await injectIntoOpenMailTabs(scripts)).toEqual({ 'content-scripts/gmail.js': 1, 'content-scripts/outlook.js': 1 });
    expect(executeScript.mock.calls.map(([d]) => d.target.tabId)).toEqual([1, 4]);
    executeScript.mockClear();
    expect(await injectIntoOpenMailTabs(scripts, { evenIfLive: true })).toEqual({ 'content-scripts/gmail.js': 2, 'content-scripts/outlook.js': 1 });
    expect(executeScript.mock.calls.map(([d]) => d.target.tabId)).toEqual([1, 3, 4]);
  });

  it('does not wait on a tab that never answers the ping (frozen): it is started like one without the script', async () => {
    vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((() => new Promise(() => {})) as never);
    vi.useFakeTimers();
    try {
      const done = injectIntoOpenMailTabs(scripts);
      await vi.advanceTimersByTimeAsync(1000); // the Gmail tabs…
      await vi.advanceTimersByTimeAsync(1000); // …then the Outlook one
      expect(await done).toEqual({ 'content-scripts/gmail.js': 2, 'content-scripts/outlook.js': 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves Firefox (no scripting API) to inject into open tabs itself', async () => {
    Reflect.deleteProperty(browser, 'scripting');
    expect(await injectIntoOpenMailTabs(scripts)).toEqual({});
    expect(query).not.toHaveBeenCalled();
  });
});
