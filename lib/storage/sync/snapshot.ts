// First connect: every synced row already stored is queued as a put, stamped with its own update time (so an older
// local row loses to a newer team edit), in chunks.
import type { FichaDb } from '../db';
import { diffRow, toOutboxRows, type OutboxRow } from '../sync-tracking';

const SNAPSHOT_CHUNK = 2000;
export const SYNCED_LOCAL_TABLES = ['contacts', 'companies', 'activities', 'stageHistory', 'deals', 'templates'] as const;

export async function enqueueSnapshot(db: FichaDb, clientId: string, at: number): Promise<void> {
  const stampAt = (table: string, row: Record<string, unknown>) => {
    // The scoring model carries no time: stamped at the epoch, a team's own model wins and a joiner's stands only where
    // the team has none (stamped now, it would replace the team's). Never-log entries are stamped now: an entry the
    // joiner holds must not lose to an old removal of the same address by a teammate.
    if (table === 'settings' && row.key === 'scoringModel') return `${'0'.padStart(15, '0')}:000000:${clientId}`;
    const t = typeof row.updatedAt === 'number' ? row.updatedAt : typeof row.createdAt === 'number' ? row.createdAt : at;
    return `${String(Math.min(Math.max(0, Math.floor(t)), at)).padStart(15, '0')}:000000:${clientId}`;
  };
  for (const table of [...SYNCED_LOCAL_TABLES, 'settings'] as const) {
    const t = db.table(table);
    let last: unknown = undefined;
    for (;;) {
      const chunk = (last === undefined ? await t.orderBy(':id').limit(SNAPSHOT_CHUNK).toArray() : await t.where(':id').above(last).limit(SNAPSHOT_CHUNK).toArray()) as Record<string, unknown>[];
      if (chunk.length === 0) break;
      last = t.schema.primKey.keyPath ? chunk.at(-1)?.[t.schema.primKey.keyPath as string] : undefined;
      const rows: OutboxRow[] = [];
      for (const row of chunk) {
        // Seeded templates nobody edited exist on every device under the same id: leave the team's copy alone.
        if (table === 'templates' && row.builtIn && row.updatedAt === row.createdAt) continue;
        rows.push(...toOutboxRows(diffRow(table, undefined, row), () => stampAt(table, row)));
      }
      if (rows.length) await db.outbox.bulkAdd(rows);
      if (chunk.length < SNAPSHOT_CHUNK || last === undefined) break;
    }
  }
}
