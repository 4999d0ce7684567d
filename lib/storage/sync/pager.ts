// Pull pages fetched one after another (each needs the previous cursor) while earlier ones are written, up to a
// number of rows ahead of the writer, handed out in cursor order.
import type { SyncHttp } from '@/lib/sync/client-http';
import type { PullResponse } from '@/lib/sync/wire';

export interface Pager {
  /** The next page in cursor order; rejects with that page's fetch error. Call only while the last had `hasMore`. */
  take(): Promise<PullResponse>;
}

export function pager(h: Pick<SyncHttp, 'pull'>, cursor: string, limit: number, aheadRows: number): Pager {
  const queue: Promise<PullResponse>[] = [];
  let buffered = 0; // rows fetched and not yet taken
  let resumeFrom: string | null = null; // the cursor to go on from, once the writer has caught up

  const fetch = (from: string) => {
    const page = h.pull(from, limit);
    page.catch(() => {}); // seen by take()
    queue.push(page);
    // Registered before take()'s own wait on the same page, so the count is up to date when take() continues.
    void page.then(
      (p) => {
        buffered += p.rows.length;
        if (!p.hasMore) return;
        if (buffered < aheadRows) fetch(p.cursor);
        else resumeFrom = p.cursor;
      },
      () => {},
    );
  };
  fetch(cursor);

  return {
    async take() {
      const next = queue.shift();
      if (!next) throw new Error('pager: no page left to take');
      const page = await next;
      buffered -= page.rows.length;
      if (resumeFrom !== null && buffered < aheadRows) {
        const from = resumeFrom;
        resumeFrom = null;
        fetch(from);
      }
      return page;
    },
  };
}
