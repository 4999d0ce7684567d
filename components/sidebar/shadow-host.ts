// The sidebar's shadow root, made by hand: WXT's createShadowRootUi bundles helpers we do not use (auto-mount,
// element waiting, position modes) that cost ~2 KiB gzip in a content script whose budget is 100 KiB.
import { browser } from 'wxt/browser';

const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** The entrypoint's CSS (cssInjectionMode 'ui' keeps it out of the page and web-accessible for us). */
async function entryCss(entrypoint: string): Promise<string> {
  try {
    // WXT types getURL for public files only; the entrypoint's CSS is a build output of the same extension.
    const url = (browser.runtime.getURL as (path: string) => string)(`/content-scripts/${entrypoint}.css`);
    const css = await (await fetch(url)).text();
    return css.replaceAll(':root', ':host');
  } catch (error) {
    console.warn('[ficha] sidebar styles could not be loaded', error);
    return '';
  }
}

export interface ShadowHost {
  host: HTMLElement;
  container: HTMLElement;
  remove(): void;
}

/** `<ficha-sidebar>` at the end of <body>, page styles reset at the boundary, our keys kept from the webmail. */
export async function createShadowHost(entrypoint: string, signal: AbortSignal): Promise<ShadowHost> {
  const host = document.createElement('ficha-sidebar');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `:host{all:initial !important;}\n${await entryCss(entrypoint)}`;
  const container = document.createElement('div');
  shadow.append(style, container);
  // Keys typed in the sidebar must not trigger the webmail's keyboard shortcuts.
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (e) => e.stopPropagation(), { signal });
  (document.body ?? document.documentElement).append(host);
  return { host, container, remove: () => host.remove() };
}
