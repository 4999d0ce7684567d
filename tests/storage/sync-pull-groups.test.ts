// The pull's page pipeline: pages fetched ahead of the writer in cursor order (pager.ts), and the first full pull
// writing a group of pages per transaction, with the same end state as page by page.
import { describe, expect, it, vi } from 'vitest';
import { contactFromHeader } from '@/lib/domain/contact';
import { FichaDb } from '@/lib/storage/db';
import { pager } from '@/lib/storage/sync/pager';
import { BULK_ROWS, pullAll, type PullStats } from '@/lib/storage/sync/pull';
import { syncTracker } from '@/lib/storage/sync-tracking';
import { encodeHlc } from '@/lib/sync/hlc';
import type { PulledRow, PullResponse } from '@/lib/sync/wire';

const HLC = encodeHlc({ wall: 1_700_000_000_000, counter: 0, clientId: 'server' });

function contactRow(i: number): PulledRow {
  const { id: _id, ...fields } = contactFromHeader({ email: `p${i}@co${i % 7}.example`, displayName: `P${i} S${i}` }, { id: `c-${i}`, now: 1_700_000_000_000 });
  return { entity: 'contacts', id: `c-${i}`, naturalKey: null, deleted: false, version: i + 1, fields: JSON.parse(JSON.stringify(fields)), clocks: {}, put: HLC, del: null };
}

/** `total` contact rows served `perPage` at a time; cursors are the last version read. */
function server(total: number, perPage: number) {
  const rows = Array.from({ length: total }, (_, i) => contactRow(i));
  const calls: string[] = [];
  const pull = vi.fn(async (cursor: string, _limit: number): Promise<PullResponse> => {
    calls.push(cursor);
    const from = cursor === '' ? 0 : Number(cursor);
    const page = rows.slice(from, from + perPage);
    return { rows: page, cursor: String(from + page.length), hasMore: from + page.length < total, head: total };
  });
  return { pull, calls };
}

describe('pager', () => {
  it('fetches ahead up to the row budget, hands pages out in order, and goes on as they are taken', async () => {
    const { pull, calls } = server(10, 2);
    const pages = pager({ pull } as never, '', 2, 4);
    await vi.waitFor(() => expect(calls).toEqual(['', '2'])); // 4 rows buffered: it waits for the writer
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(2);
    expect((await pages.take()).cursor).toBe('2');
    await vi.waitFor(() => expect(calls).toEqual(['', '2', '4']));
    const rest = [await pages.take(), await pages.take(), await pages.take(), await pages.take()];
    expect(rest.map((p) => p.cursor)).toEqual(['4', '6', '8', '10']);
    expect(rest.at(-1)!.hasMore).toBe(false);
    expect(calls).toEqual(['', '2', '4', '6', '8']);
  });

  it('passes a page\'s fetch error to the take that reaches it, after the pages before it', async () => {
    const { pull } = server(10, 2);
    pull.mockImplementationOnce(pull.getMockImplementation()!).mockImplementationOnce(async () => {
      throw new Error('offline');
    });
    const pages = pager({ pull } as never, '', 2, 100);
    expect((await pages.take()).cursor).toBe('2');
    await expect(pages.take()).rejects.toThrow('offline');
  });
});

async function pullInto(name: string, total: number, initialPullDone: boolean) {
  const db = new FichaDb(name);
  await db.open();
  await db.syncState.put({ key: 'state', clientId: 'devA', clock: null, lastAcked: 0, cursor: '', initialPullDone, lastSyncAt: null, pulledHead: 0 });
  const stats: PullStats = { pages: 0, rows: 0, waitMs: 0, applyMs: 0 };
  const progress: ({ done: number; total: number } | null)[] = [];
  const { pull } = server(total, 1000);
  await pullAll(db, syncTracker(db), { pull } as never, { stats, now: () => 1_700_000_000_000, limit: 1000, onHead: () => {}, onProgress: (p) => progress.push(p) });
  return { db, stats, progress };
}

describe('first full pull', () => {
  it('writes groups of pages in one transaction each, and stores every row with the cursor at the head', async () => {
    const total = BULK_ROWS + 1500;
    const { db, stats, progress } = await pullInto('pull-groups-first', total, false);
    expect(stats.rows).toBe(total);
    expect(stats.pages).toBe(2); // one group of BULK_ROWS, then the rest
    expect(await db.contacts.count()).toBe(total);
    expect((await db.contacts.get('c-42'))?.emails[0]?.address).toBe('p42@co0.example');
    const state = await db.syncState.get('state');
    expect(state).toMatchObject({ cursor: String(total), initialPullDone: true, pulledHead: total });
    expect(progress).toEqual([{ done: BULK_ROWS, total }, { done: total, total }, null]);
  });

  it('later pulls still write page by page', async () => {
    const { db, stats } = await pullInto('pull-groups-later', 3000, true);
    expect(stats.pages).toBe(3);
    expect(await db.contacts.count()).toBe(3000);
  });
});
