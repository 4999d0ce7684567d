// The sync loop's scheduler: one cycle at a time with one rerun, the earliest timer wins, backoff with jitter.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, syncScheduler } from '@/lib/storage/sync/scheduler';

describe('backoffDelay', () => {
  it('doubles per failure, is capped at 5 minutes and jittered to 50–100 %', () => {
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
  });
  it("honours the server's Retry-After", () => {
    expect(backoffDelay(5, () => 1, 1500)).toBe(1500);
  });
});

describe('syncScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one cycle at a time; triggers during a cycle make exactly one more', async () => {
    let calls = 0;
    let release!: () => void;
    const s = syncScheduler(Date.now, async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      return true;
    });
    const first = s.runNow();
    void s.runNow();
    void s.runNow();
    release();
    await first;
    expect(calls).toBe(2);
    expect(s.running).toBeNull();
  });

  it('does not rerun after a failed cycle', async () => {
    let calls = 0;
    let release!: () => void;
    const s = syncScheduler(Date.now, async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return false;
    });
    const first = s.runNow();
    void s.runNow();
    release();
    await first;
    expect(calls).toBe(1);
  });

  it('keeps the earliest pending timer', async () => {
    const runs: number[] = [];
    const s = syncScheduler(Date.now, async () => {
      runs.push(Date.now());
      return true;
    });
    const t0 = Date.now();
    s.schedule(1000);
    s.schedule(5000); // later: ignored
    s.schedule(200); // sooner: replaces
    await vi.advanceTimersByTimeAsync(6000);
    expect(runs.map((t) => t - t0)).toEqual([200]);
    s.schedule(100);
    s.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(1);
  });
});
