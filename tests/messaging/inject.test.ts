// The background's answer to a content script asking for a lazily loaded part of the sidebar.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { injectForSender, isInjectRequest } from '@/lib/messaging/features/inject';
import { INJECT_KIND } from '@/lib/messaging/inject-request';

const ID = 'ficha-extension-id';
const fromTab = { id: ID, tab: { id: 7 }, frameId: 3 };
const request = { kind: INJECT_KIND, script: 'sidebar-blocks' };

describe('inject requests', () => {
  const executeScript = vi.fn<(details: unknown) => Promise<unknown[]>>();
  beforeEach(() => {
    fakeBrowser.reset();
    executeScript.mockReset().mockResolvedValue([]);
    Reflect.set(browser, 'scripting', { executeScript });
  });
  afterEach(() => Reflect.deleteProperty(browser, 'scripting'));

  it('runs the named script in the asking frame of the asking tab', async () => {
    expect(isInjectRequest(request)).toBe(true);
    expect(await injectForSender(request, fromTab, ID)).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId: 7, frameIds: [3] }, files: ['/sidebar-blocks.js'] });
  });

  it('refuses other senders, unknown scripts, extra fields and senders outside a tab, running nothing', async () => {
    expect(await injectForSender(request, { ...fromTab, id: 'another-extension' }, ID)).toMatchObject({ ok: false });
    expect(await injectForSender({ ...request, script: '../background.js' }, fromTab, ID)).toEqual({ ok: false, error: 'Unknown script' });
    expect(await injectForSender({ ...request, file: '/popup.js' }, fromTab, ID)).toEqual({ ok: false, error: 'Unknown script' });
    expect(await injectForSender(request, { id: ID }, ID)).toMatchObject({ ok: false });
    expect(executeScript).not.toHaveBeenCalled();
    expect(isInjectRequest({ type: 'contacts.lookup' })).toBe(false);
    expect(isInjectRequest(null)).toBe(false);
  });

  it('answers a failed injection (tab closed, page navigated away) with its reason', async () => {
    executeScript.mockRejectedValueOnce(new Error('No tab with id: 7'));
    expect(await injectForSender(request, fromTab, ID)).toEqual({ ok: false, error: 'No tab with id: 7' });
  });

  it('uses tabs.executeScript where scripting is missing (Firefox, MV2), in the asking frame', async () => {
    Reflect.deleteProperty(browser, 'scripting');
    const tabsExecute = vi.fn<(tabId: number, details: unknown) => Promise<unknown[]>>().mockResolvedValue([]);
    Reflect.set(browser.tabs, 'executeScript', tabsExecute);
    try {
      expect(await injectForSender(request, fromTab, ID)).toEqual({ ok: true });
      expect(tabsExecute).toHaveBeenCalledExactlyOnceWith(7, { file: '/sidebar-blocks.js', frameId: 3 });
    } finally {
      Reflect.deleteProperty(browser.tabs, 'executeScript');
    }
  });
});
