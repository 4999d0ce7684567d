// Pull: pages by cursor until the head, each applied in its own transaction (apply.ts); the next page is fetched
// while one is written. After a first full download, scores follow in the background.
import type { SyncHttp } from '@/lib/sync/client-http';
import type { PullResponse } from '@/lib/sync/wire';
import type { FichaDb } from '../db';
import { rescoreAll } from '../rescore';
import { activeScorer } from '../scores';
import type { SyncTracker } from '../sync-tracking';
import { applyPage } from './apply';
import { readSyncState } from './push';

/** Where a pull's time went (ms, summed over pages): waiting for the server's next page, writing pages. */
export interface PullStats {
  pages: number;
  rows: number;
  waitMs: number;
  applyMs: number;
}

export interface PullHooks {
  /** Added to as pages arrive and are written (the benchmark reads it). */
  stats?: PullStats;
  now: () => number;
  limit: number;
  /** The team's head as seen on each page (live events below it need no pull). */
  onHead(head: number): void;
  /** First full pull: server versions reached / head; null when done. */
  onProgress(progress: { done: number; total: number } | null): void;
  onModelChanged?: () => Promise<void> | void;
  onRemoteChange?: () => void;
}

export async function pullAll(db: FichaDb, tracker: SyncTracker, h: SyncHttp, hooks: PullHooks): Promise<void> {
  const { now } = hooks;
  let anyChange = false;
  let modelChanged = false;
  let needsFullRescore = false;
  const first = await readSyncState(db);
  if (!first) return;
  const contactsWereEmpty = !first.initialPullDone && (await db.contacts.count()) === 0;
  // The next page is fetched while this one is written (pages still apply in cursor order, one transaction each).
  let next: Promise<PullResponse> = h.pull(first.cursor, hooks.limit);
  const stats = hooks.stats;
  for (;;) {
    const waitStart = performance.now();
    const page = await next;
    const applyStart = performance.now();
    if (page.hasMore) {
      next = h.pull(page.cursor, hooks.limit);
      next.catch(() => {}); // awaited next turn; a failure there is handled then
    }
    const st = await readSyncState(db);
    if (!st) return;
    const bulk = !st.initialPullDone;
    const applied = await applyPage(db, tracker, page, { bulk, contactsWereEmpty, now });
    if (stats) {
      stats.pages++;
      stats.rows += page.rows.length;
      stats.waitMs += applyStart - waitStart;
      stats.applyMs += performance.now() - applyStart;
    }
    hooks.onHead(page.head);
    if (applied.changed) anyChange = true;
    if (applied.modelChanged) modelChanged = true;
    if (applied.contactsToRescore.size) needsFullRescore = true;
    if (bulk) {
      const last = page.rows.at(-1)?.version ?? page.head;
      hooks.onProgress({ done: page.hasMore ? Math.min(last, page.head) : page.head, total: page.head });
    }
    if (!page.hasMore) break;
  }
  const st = await readSyncState(db);
  if (st && !st.initialPullDone) await db.syncState.put({ ...st, initialPullDone: true });
  hooks.onProgress(null);
  if (modelChanged) await hooks.onModelChanged?.();
  // Scores of a bulk download follow in the background, in the rescore's short chunked transactions.
  if (needsFullRescore && !modelChanged) void rescoreAll(db, activeScorer(db), now(), () => {}).catch((e: unknown) => console.error('[ficha] rescore after sync failed', e));
  if (anyChange) hooks.onRemoteChange?.();
}
