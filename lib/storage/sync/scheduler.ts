// When the loop runs: one cycle at a time (a trigger during a cycle runs it again once after), a single pending
// timer (the earliest due wins), and the retry delay after failures (exponential with jitter, capped).

const MAX_BACKOFF_MS = 5 * 60_000;

/** Delay before retry number `failures` (≥ 1): 2^n s capped at 5 min, or the server's Retry-After, times 0.5–1. */
export function backoffDelay(failures: number, random: () => number, retryAfterMs?: number): number {
  const base = retryAfterMs ? retryAfterMs : Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 20));
  return Math.round(base * (0.5 + random() * 0.5));
}

export interface SyncScheduler {
  /** Run a cycle in `ms` unless one is already due sooner. */
  schedule(ms: number): void;
  /** Run a cycle now (or once more after the running one). */
  runNow(): Promise<void>;
  cancel(): void;
  readonly running: Promise<void> | null;
}

/** `cycle` answers whether a rerun requested meanwhile may go ahead (not after an error). */
export function syncScheduler(now: () => number, cycle: () => Promise<boolean>): SyncScheduler {
  let running: Promise<void> | null = null;
  let rerun = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerDue = 0;

  function runNow(): Promise<void> {
    if (running) {
      rerun = true;
      return running;
    }
    running = (async () => {
      let again: boolean;
      do {
        rerun = false;
        again = await cycle();
      } while (rerun && again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    schedule(ms) {
      const due = now() + ms;
      if (timer && timerDue <= due) return;
      if (timer) clearTimeout(timer);
      timerDue = due;
      timer = setTimeout(() => {
        timer = null;
        void runNow();
      }, ms);
    },
    runNow,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    get running() {
      return running;
    },
  };
}
