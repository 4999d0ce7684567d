// An erased person leaves nothing behind in the stores that copy contacts: the import undo records (which must still
// undo the other contacts right) and the saved search table.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { send } from '@/lib/messaging/client';
import { importChunks, inspectCsv } from '@/lib/domain/csv-pipeline';
import { runImport } from '@/components/pages/import/run-import';
import { csvText, HUBSPOT_HEADER, rowFor, streamOf, utf8 } from '../unit/csv-samples';
import { startBackground } from './background-harness';

async function importRows(rows: Record<string, string>[]) {
  const bytes = utf8(csvText([HUBSPOT_HEADER, ...rows.map((r) => rowFor(HUBSPOT_HEADER, r))]));
  const inspection = await inspectCsv(streamOf(bytes));
  return runImport({ fileName: 'contacts.csv', fileSize: bytes.length, format: inspection.format, policy: 'overwrite', mapping: inspection.mapping }, importChunks(streamOf(bytes), {}));
}

describe('erasing a person', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('removes them from the import undo records, and undo still reverts the others', async () => {
    const { contact: ana } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana.zeta@clientco.com', displayName: 'Ana Zetaxyz' } });
    const { contact: bob } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bob@clientco.com', displayName: 'Bob Smith' } });
    const { batch } = await importRows([
      { Email: 'ana.zeta@clientco.com', 'Job Title': 'CFO' },
      { Email: 'bob@clientco.com', 'Job Title': 'CEO' },
    ]);
    await send({ type: 'privacy.erasePerson', contactId: ana.id, addToNeverLog: false });
    expect(JSON.stringify(await bg.db.importJournal.toArray())).not.toMatch(/zeta/i);

    await send({ type: 'import.undo', batchId: batch.id });
    expect((await bg.db.contacts.get(bob.id))!.title).toBe(bob.title);
  });

  it('drops the saved search table, which held their name and address', async () => {
    const { contact: ana } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana.zeta@clientco.com', displayName: 'Ana Zetaxyz' } });
    await send({ type: 'contacts.create', input: { email: 'bob@clientco.com', displayName: 'Bob Smith' } });
    // A search builds and saves the table.
    await send({ type: 'contacts.find', query: 'zetaxyz', limit: 5 });
    await vi.waitFor(async () => expect(JSON.stringify(await bg.db.searchTable.toArray())).toMatch(/zetaxyz/i));

    await send({ type: 'privacy.erasePerson', contactId: ana.id, addToNeverLog: false });
    expect(JSON.stringify(await bg.db.searchTable.toArray())).not.toMatch(/zeta/i);
    expect(await send<'contacts.find'>({ type: 'contacts.find', query: 'zetaxyz', limit: 5 })).toEqual([]);
  });
});
