// Pull: pages by cursor until the head, fetched while earlier ones are written (pager.ts), each applied in its own
// transaction (apply.ts), or on the first full pull a group of pages per transaction. After a first full download,
// scores follow in the background.
import type { SyncHttp } from '@/lib/sync/client-http';
import type { FichaDb } from '../db';
import { rescoreAll } from '../rescore';
import { activeScorer } from '../scores';
import type { SyncTracker } from '../sync-tracking';
import { applyPage } from './apply';
import { removeWhatIsLeftOf } from './erased-elsewhere';
import { pager } from './pager';
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

/**
 * Rows written per transaction during the first full pull (pages are joined up to this): the score bucket rows are
 * rewritten once per transaction, so 100,000 contacts took 8.7 s in groups of 5,000 and less in groups of 20,000.
 */
export const BULK_ROWS = 20_000;

export async function pullAll(db: FichaDb, tracker: SyncTracker, h: SyncHttp, hooks: PullHooks): Promise<void> {
  const { now } = hooks;
  let anyChange = false;
  let modelChanged = false;
  let needsFullRescore = false;
  const first = await readSyncState(db);
  if (!first) return;
  const contactsWereEmpty = !first.initialPullDone && (await db.contacts.count()) === 0;
  // Pages are fetched while earlier ones are written: one ahead normally, a whole group or two on the first pull.
  const pages = pager(h, first.cursor, hooks.limit, first.initialPullDone ? 1 : 2 * BULK_ROWS);
  const stats = hooks.stats;
  for (;;) {
    let waitStart = performance.now();
    let page = await pages.take();
    let waitMs = performance.now() - waitStart;
    const st = await readSyncState(db);
    if (!st) return;
    const bulk = !st.initialPullDone;
    // The first full pull writes several pages in one transaction: the score bucket rows a page touches (most of
    // them, ids being spread over the buckets) are rewritten once per group instead of once per page.
    while (bulk && page.hasMore && page.rows.length < BULK_ROWS) {
      waitStart = performance.now();
      const more = await pages.take();
      waitMs += performance.now() - waitStart;
      page = { ...more, rows: [...page.rows, ...more.rows] };
    }
    const applyStart = performance.now();
    const applied = await applyPage(db, tracker, page, { bulk, contactsWereEmpty, now });
    await removeWhatIsLeftOf(db, applied.deletedContacts);
    if (stats) {
      stats.pages++;
      stats.rows += page.rows.length;
      stats.waitMs += waitMs;
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
