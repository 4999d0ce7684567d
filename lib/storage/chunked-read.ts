// Reading a whole table without holding it at once: chunks by primary key (keyset, `id` above the last one seen).
import type { Table } from 'dexie';

/**
 * Calls `fn` with each chunk of `table`'s rows in primary-key order; `between` (optional) runs after each full chunk,
 * e.g. to yield to other work. The table's primary key must be `id`.
 */
export async function eachChunkById<T extends { id: string }, K, I>(table: Table<T, K, I>, size: number, fn: (rows: T[]) => void, between?: () => Promise<void>): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const chunk: T[] = await (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(size).toArray();
    fn(chunk);
    if (chunk.length < size) return;
    after = chunk[chunk.length - 1]!.id;
    if (between) await between();
  }
}
