// Outlook is one single-page app for mail, calendar and people: the script is declared on every path of its hosts
// (a rep who opens the calendar first and clicks Mail never reloads) and mounts only once the page shows mail.
import type { SiteAdapter } from '../types';

/** `/mail`, `/mail/`, `/mail/inbox/id/…`, and the pop-out compose window under `/mail/deeplink/compose`. */
export function isMailPath(pathname: string): boolean {
  return /^\/mail(\/|$)/.test(pathname);
}

/** What of the Navigation API this needs; absent in browsers without it. */
interface NavigationEvents {
  addEventListener(type: 'currententrychange', listener: () => void, options: { signal: AbortSignal }): void;
}

/** Without the Navigation API, a click or key may route the app a little later (its mail module loads first). */
const FALLBACK_CHECK_MS = 250;
const FALLBACK_CHECKS = 20;

/**
 * Calls `onMove` after each same-document move (history.pushState, back/forward) until `signal` aborts: through the
 * Navigation API where there is one, else after each click or key press, a few checks over the next 5 s. No
 * polling while the rep does nothing.
 */
export function onPageMove(win: Window, onMove: () => void, signal: AbortSignal): void {
  const options = { signal };
  win.addEventListener('popstate', onMove, options);
  const navigation = (win as Window & { navigation?: NavigationEvents }).navigation;
  if (navigation) {
    navigation.addEventListener('currententrychange', onMove, options);
    return;
  }
  let timer: ReturnType<typeof setInterval> | undefined;
  const checkForAWhile = () => {
    clearInterval(timer);
    let left = FALLBACK_CHECKS;
    onMove();
    timer = setInterval(() => {
      onMove();
      if (--left <= 0) clearInterval(timer);
    }, FALLBACK_CHECK_MS);
  };
  signal.addEventListener('abort', () => clearInterval(timer), options);
  win.addEventListener('click', checkForAWhile, { capture: true, signal });
  win.addEventListener('keydown', checkForAWhile, { capture: true, signal });
}

/** Resolves true as soon as `win` is on a mail path (at once if it is already), false if `signal` aborts first. */
export function whenOnMailPath(win: Window, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (isMailPath(win.location.pathname)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const listening = new AbortController();
    const stop = (result: boolean) => {
      listening.abort();
      resolve(result);
    };
    signal.addEventListener('abort', () => stop(false), { signal: listening.signal });
    onPageMove(win, () => isMailPath(win.location.pathname) && stop(true), listening.signal);
  });
}

/**
 * The adapter as the sidebar should see it once mounted: off mail (the rep moved on to the calendar in the same
 * page) there is no thread and nothing to report or record, so the card goes away instead of reading calendar markup; and a
 * move between mail and calendar is a change to read even when the page's DOM has not changed yet.
 */
export function mailPathsOnly(adapter: SiteAdapter, win: Window): SiteAdapter {
  const onMail = () => isMailPath(win.location.pathname);
  return {
    ...adapter,
    readThread: (doc) => (onMail() ? adapter.readThread(doc) : null),
    health: adapter.health && ((doc, thread) => (onMail() ? adapter.health!(doc, thread) : 'idle')),
    readsPage: onMail,
    observe(doc, onChange, signal) {
      adapter.observe(doc, onChange, signal);
      let wasOnMail = onMail();
      onPageMove(
        win,
        () => {
          if (onMail() === wasOnMail) return;
          wasOnMail = !wasOnMail;
          onChange();
        },
        signal,
      );
    },
  };
}
