import type { SiteAdapter } from '../types';
// Outlook is one single-page app for mail, calendar and people: the script is declared on every path of its hosts
// (a rep who opens the calendar first and clicks Mail never reloads) and mounts only once the page shows mail.

/** `/mail`, `/mail/`, `/mail/inbox/id/…`, and the pop-out compose window under `/mail/deeplink/compose`. */
export function isMailPath(pathname: string): boolean {
  return /^\/mail(\/|$)/.test(pathname);
}

/** What of the Navigation API this needs; absent in browsers without it. */
interface NavigationEvents {
  addEventListener(type: 'currententrychange', listener: () => void, options: { signal: AbortSignal }): void;
}

/**
 * Resolves true as soon as `win` is on a mail path (at once if it is already), false if `signal` aborts first.
 * Same-document moves (history.pushState) are heard through the Navigation API, back/forward through popstate; no
 * polling. Where the Navigation API is missing, a click is followed by two checks (the app may route after loading).
 */
export function whenOnMailPath(win: Window, signal: AbortSignal): Promise<boolean> {
  if (isMailPath(win.location.pathname)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const listening = new AbortController();
    const stop = (result: boolean) => {
      listening.abort();
      resolve(result);
    };
    const check = () => {
      if (isMailPath(win.location.pathname)) stop(true);
    };
    signal.addEventListener('abort', () => stop(false), { signal: listening.signal });
    const options = { signal: listening.signal };
    win.addEventListener('popstate', check, options);
    const navigation = (win as Window & { navigation?: NavigationEvents }).navigation;
    if (navigation) navigation.addEventListener('currententrychange', check, options);
    else {
      win.addEventListener(
        'click',
        () => {
          setTimeout(check, 0);
          setTimeout(check, 1000);
        },
        { capture: true, signal: listening.signal },
      );
    }
  });
}

/**
 * The adapter as the sidebar should see it once mounted: off mail (the rep moved on to the calendar in the same
 * page) there is no thread and nothing to report, so the card goes away instead of reading calendar markup.
 */
export function mailPathsOnly(adapter: SiteAdapter, win: Pick<Window, 'location'>): SiteAdapter {
  const onMail = () => isMailPath(win.location.pathname);
  return {
    ...adapter,
    readThread: (doc) => (onMail() ? adapter.readThread(doc) : null),
    health: adapter.health && ((doc, thread) => (onMail() ? adapter.health!(doc, thread) : 'idle')),
  };
}
