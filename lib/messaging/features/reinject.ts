// After an install or update, the webmail tabs already open have no content script of this version (Chrome injects
// declared content scripts only into pages loaded afterwards), so their sidebar would be gone until a reload. The
// background runs each content script in the tabs its manifest entry matches; the script of the previous version
// there tears itself down when the new one starts (WXT's ContentScriptContext), so no tab ends with two sidebars.
import { browser } from 'wxt/browser';

type ContentScripts = { matches?: string[]; js?: string[] }[];

/** Tabs that were injected, by content script file (for the log and the tests). */
export async function injectIntoOpenMailTabs(contentScripts: ContentScripts = browser.runtime.getManifest().content_scripts ?? []): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  // Firefox (MV2, no `scripting`) injects declared content scripts into open matching tabs by itself.
  if (!browser.scripting?.executeScript) return done;
  for (const { matches, js } of contentScripts) {
    if (!matches?.length || !js?.length) continue;
    const tabs = await browser.tabs.query({ url: matches });
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      try {
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files: js as never });
        for (const file of js) done[file] = (done[file] ?? 0) + 1;
      } catch (error) {
        // A tab that navigated away or crashed meanwhile: its next load gets the declared content script.
        console.warn('[ficha] could not start the sidebar in an open tab', error);
      }
    }
  }
  return done;
}
