// Runs `fn` at once on the first trigger, then at most once per animation frame while triggers keep coming.
// Leading edge: a thread switch is read in the same task Gmail rendered it. Trailing edge: the burst's last state is read.

export function frameThrottle(win: Window | null, fn: () => void, signal: AbortSignal): () => void {
  let cooling = false;
  let dirty = false;
  let cancelFrame: (() => void) | null = null;

  const requestFrame = (cb: () => void) => {
    if (win && typeof win.requestAnimationFrame === 'function') {
      const id = win.requestAnimationFrame(cb);
      cancelFrame = () => win.cancelAnimationFrame(id);
    } else {
      const id = setTimeout(cb, 16);
      cancelFrame = () => clearTimeout(id);
    }
  };
  const run = () => {
    if (!signal.aborted) fn();
  };
  const endOfFrame = () => {
    cancelFrame = null;
    if (dirty && !signal.aborted) {
      dirty = false;
      run();
      requestFrame(endOfFrame);
    } else {
      cooling = false;
    }
  };
  signal.addEventListener('abort', () => cancelFrame?.(), { once: true });

  return () => {
    if (signal.aborted) return;
    if (cooling) {
      dirty = true;
      return;
    }
    cooling = true;
    run();
    requestFrame(endOfFrame);
  };
}
