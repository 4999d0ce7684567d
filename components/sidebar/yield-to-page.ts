// Startup in short tasks: the content script's evaluation, its first read of the page, the shadow root and React's
// first render each run in their own task, so none of them adds a long task (> 50 ms) to the webmail's load.

/** Resolves in a later task, when the page is idle or after `timeoutMs` at the latest. */
export function yieldToPage(timeoutMs = 200): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: timeoutMs });
    else setTimeout(resolve, 0);
  });
}
