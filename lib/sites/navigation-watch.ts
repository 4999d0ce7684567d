// Reads the page once per change. Gmail and Outlook change the URL in the same task as they render the new view, so
// by the time `hashchange` or `popstate` arrives, the read the DOM change triggered has usually seen the new URL
// already: reading again would parse the page a second time for nothing. Navigation events therefore count only when the URL differs from the
// one of the last read (a URL that changes before the DOM still triggers a read, and the DOM change another);
// likewise the mutation records already queued when a read runs are dropped (readAfterQueued).

export interface NavigationAwareRead {
  /** Wraps the reader: remembers the URL each read ran at. */
  read: () => void;
  /** Listens for navigation until `signal` aborts, scheduling a read only for a URL not read yet. */
  listen(schedule: () => void, signal: AbortSignal): void;
}

export function navigationAware(win: Window | null, onChange: () => void): NavigationAwareRead {
  let readAt: string | undefined;
  return {
    read() {
      readAt = win?.location.href;
      onChange();
    },
    listen(schedule, signal) {
      const onNavigate = () => {
        if (win?.location.href !== readAt) schedule();
      };
      win?.addEventListener('popstate', onNavigate, { signal });
      win?.addEventListener('hashchange', onNavigate, { signal });
    },
  };
}

/**
 * Runs `read` after dropping the mutation records still queued for `observer`. They describe changes already in the
 * DOM this read sees (a switch that sets the URL is read at the synchronous `popstate`, before the records of the
 * same task are delivered), so delivering them afterwards would only parse the same page a second time.
 */
export function readAfterQueued(observer: MutationObserver, read: () => void): void {
  observer.takeRecords();
  read();
}
