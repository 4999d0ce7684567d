// After an update, the webmail tabs already open have no content script of this version (Chrome injects
// declared content scripts only into pages loaded afterwards), so their sidebar would be gone until a reload. The
// background runs each content script in the tabs its manifest entry matches; the script of the previous version
// there tears itself down when the new one starts (WXT's ContentScriptContext), so no tab ends with two sidebars.
import { browser } from 'wxt/browser';
import { LIVE_PING, LIVE_PONG } from '../inject-request';

type ContentScripts = { matches?: string[]; js?: string[] }[];

/** How long a tab has to answer the ping: a frozen background tab may not answer at all. */
const PING_MS = 1000;

/** Whether the tab already runs this version's content script (one loaded since the update). */
const runsThisVersion = (tabId: number): Promise<boolean> =>
  Promise.race([
    browser.tabs.sendMessage(tabId, { type: LIVE_PING }).then((reply) => reply === LIVE_PONG, () => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_MS)),
  ]);

/**
 * Tabs that were injected, by content script file (for the log and the tests). A tab already running this version is
 * left alone: starting it again would replace a working sidebar and lose what it holds (the compose window the rep
 * was in). `evenIfLive` starts it anyway, as an update does to a tab whose script is the previous version's.
 */
export async function injectIntoOpenMailTabs(
  contentScripts: ContentScripts = browser.runtime.getManifest().content_scripts ?? [],
  { evenIfLive = false } = {},
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  // Firefox (MV2, no `scripting`) injects declared content scripts into open matching tabs by itself.
  const scripting = browser.scripting;
  if (!scripting?.executeScript) return done;
  for (const { matches, js } of contentScripts) {
    if (!matches?.length || !js?.length) continue;
    const open = (await browser.tabs.query({ url: matches })).filter((tab) => tab.id !== undefined && !tab.discarded);
    const live = await Promise.all(open.map((tab) => (evenIfLive ? false : runsThisVersion(tab.id as number))));
    const tabs = open.filter((_, i) => !live[i]);
    // All at once: a frozen tab must not hold up the others.
    const results = await Promise.allSettled(tabs.map((tab) => scripting.executeScript({ target: { tabId: tab.id as number }, files: js as never })));
    for (const result of results) {
      if (result.status === 'fulfilled') for (const file of js) done[file] = (done[file] ?? 0) + 1;
      // A tab that navigated away or crashed meanwhile: its next load gets the declared content script.
      else console.warn('[ficha] could not start the sidebar in an open tab', result.reason);
    }
  }
  return done;
}
