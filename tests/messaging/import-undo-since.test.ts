// Undoing an import puts back only what the import wrote and nobody changed since; a row belongs to the owner of
// its primary address, never to someone who owns one of its other addresses.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { send } from '@/lib/messaging/client';
import { importChunks, inspectCsv } from '@/lib/domain/csv-pipeline';
import type { MergePolicy } from '@/lib/domain/import-merge';
import { runImport } from '@/components/pages/import/run-import';
import { csvText, HUBSPOT_HEADER, rowFor, streamOf, utf8 } from '../unit/csv-samples';
import { useLocale } from '../unit/support/locale';
import { startBackground } from './background-harness';

async function importRows(header: string[], rows: string[][], policy: MergePolicy = 'fill') {
  const bytes = utf8(csvText([header, ...rows]));
  const inspection = await inspectCsv(streamOf(bytes));
  return runImport({ fileName: 'contacts.csv', fileSize: bytes.length, format: inspection.format, policy, mapping: inspection.mapping }, importChunks(streamOf(bytes), {}));
}
const hubspot = (cells: Record<string, string>) => rowFor(HUBSPOT_HEADER, cells);

describe('undoing an import after later changes', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('keeps edits made since the import and reverts what the import wrote', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const { batch } = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Job Title': 'CTO', 'Company Name': 'Clientco Imported' })], 'overwrite');
    const imported = (await bg.db.contacts.get(contact.id))!;
    expect(imported).toMatchObject({ title: 'CTO', company: 'Clientco Imported' });
    // The rep edits the company and tags the contact by hand after the import.
    await bg.db.contacts.put({ ...imported, company: 'Edited By Hand', tags: ['vip'] });

    await send({ type: 'import.undo', batchId: batch.id });
    // The undo is in the audit log, as counts only.
    expect((await bg.db.privacyAudit.toArray()).filter((e) => e.action === 'import_undo')).toEqual([
      { id: expect.any(String), at: expect.any(Number), action: 'import_undo', by: 'me', counts: { removed: 0, restored: 1 } },
    ]);
    const now = (await bg.db.contacts.get(contact.id))!;
    expect(now.title).toBe(contact.title);
    expect(now.company).toBe('Edited By Hand');
    expect(now.tags).toEqual(['vip']);
    expect(now.searchKeys).toContain('edited');
  });

  it('undoing an earlier batch keeps a later batch, and undoing both gives the contact as it was', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const a = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Job Title': 'CTO' })]);
    const b = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Phone Number': '+34 600 111 222' })], 'overwrite');

    await send({ type: 'import.undo', batchId: a.batch.id });
    const afterA = (await bg.db.contacts.get(contact.id))!;
    expect(afterA.title).toBe(contact.title);
    expect(afterA.phones.map((p) => p.number)).toEqual(['+34 600 111 222']);

    await send({ type: 'import.undo', batchId: b.batch.id });
    const afterBoth = (await bg.db.contacts.get(contact.id))!;
    expect(afterBoth.title).toBe(contact.title);
    expect(afterBoth.phones).toEqual(contact.phones);
  });

  it('two batches that changed the same field, undone oldest first, give the value from before both', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const a = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Job Title': 'CTO' })]);
    const b = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Job Title': 'CEO' })], 'overwrite');
    expect((await bg.db.contacts.get(contact.id))!.title).toBe('CEO');

    await send({ type: 'import.undo', batchId: a.batch.id });
    expect((await bg.db.contacts.get(contact.id))!.title).toBe('CEO'); // the later import's value stands
    await send({ type: 'import.undo', batchId: b.batch.id });
    expect((await bg.db.contacts.get(contact.id))!.title).toBe(contact.title);
  });
});

describe('whose row it is', () => {
  beforeEach(() => {
    startBackground();
  });

  it('a new primary address makes a new contact, leaving out an address someone else owns', async () => {
    const { contact: bob } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bob@acme.com', displayName: 'Bob Smith' } });
    const header = ['Email', 'Additional email addresses', 'First Name', 'Last Name'];
    const { batch } = await importRows(header, [['alice@acme.com', 'bob@acme.com', 'Alice', 'Jones']], 'overwrite');
    expect(batch.counts).toEqual({ imported: 1, merged: 0, rejected: 0 });

    const found = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['alice@acme.com', 'bob@acme.com'] });
    expect(found['bob@acme.com']).toMatchObject({ id: bob.id, firstName: 'Bob', lastName: 'Smith' });
    expect(found['bob@acme.com']!.emails.map((e) => e.address)).toEqual(['bob@acme.com']);
    expect(found['alice@acme.com']).toMatchObject({ firstName: 'Alice', lastName: 'Jones' });
    expect(found['alice@acme.com']!.emails.map((e) => e.address)).toEqual(['alice@acme.com']);
  });

  it('a row whose primary address is known merges into its owner, keeping the other owner out', async () => {
    const { contact: ana } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@acme.com', displayName: 'Ana Ruiz' } });
    await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'bob@acme.com', displayName: 'Bob Smith' } });
    const header = ['Email', 'Additional email addresses', 'First Name', 'Last Name', 'Job Title'];
    const { batch } = await importRows(header, [['ana@acme.com', 'bob@acme.com;ana@home.example', 'Ana', 'Ruiz', 'CFO']]);
    expect(batch.counts).toEqual({ imported: 0, merged: 1, rejected: 0 });
    const found = await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['ana@acme.com'] });
    expect(found['ana@acme.com']).toMatchObject({ id: ana.id, title: 'CFO' });
    expect(found['ana@acme.com']!.emails.map((e) => e.address)).toEqual(['ana@acme.com', 'ana@home.example']);
  });
});

describe('an undo cut off half-way', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('leaves the batch "undoing": it cannot be resumed or finished, and undoing again completes it', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => hubspot({ Email: `p${i}@acme${i % 5}.com` }));
    const bytes = utf8(csvText([HUBSPOT_HEADER, ...rows]));
    const inspection = await inspectCsv(streamOf(bytes));
    const { batch } = await runImport(
      { fileName: 'contacts.csv', fileSize: bytes.length, format: inspection.format, policy: 'fill', mapping: inspection.mapping },
      importChunks(streamOf(bytes), { batchRows: 500 }),
    );
    expect(batch.lastSeq).toBe(2);
    // The worker "dies" while undoing the second chunk (newest first): the first chunk undone stays undone.
    const journalDelete = bg.db.importJournal.delete.bind(bg.db.importJournal);
    let deletes = 0;
    const cut = vi.spyOn(bg.db.importJournal, 'delete').mockImplementation((key) => ((++deletes === 2 ? Promise.reject(new Error('worker stopped')) : journalDelete(key)) as never));
    await expect(send({ type: 'import.undo', batchId: batch.id })).rejects.toThrow();
    cut.mockRestore();
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(1000);

    const [listed] = await send<'import.batches'>({ type: 'import.batches' });
    expect(listed).toMatchObject({ id: batch.id, status: 'undoing' });
    await expect(send({ type: 'import.resume', batchId: batch.id })).rejects.toThrow(/undoing/);
    await expect(send({ type: 'import.finish', batchId: batch.id })).rejects.toThrow(/undoing/);

    const again = await send<'import.undo'>({ type: 'import.undo', batchId: batch.id });
    expect(again.batch.status).toBe('undone');
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(0);
  });
});

describe('resuming an import', () => {
  beforeEach(() => {
    startBackground();
  });

  it("reports every rejected row of the file, also those of chunks written before the resume", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => hubspot({ Email: i % 10 === 0 ? `bad-${i}` : `p${i}@acme${i % 5}.com` }));
    const bytes = utf8(csvText([HUBSPOT_HEADER, ...rows]));
    const inspection = await inspectCsv(streamOf(bytes));
    const controller = new AbortController();
    let answered = 0;
    const first = await runImport(
      { fileName: 'contacts.csv', fileSize: bytes.length, format: inspection.format, policy: 'fill', mapping: inspection.mapping },
      importChunks(streamOf(bytes), { batchRows: 10 }),
      { signal: controller.signal, onProgress: () => ++answered >= 2 && controller.abort() },
    );
    expect(first.cancelled).toBe(true);
    const resumed = await runImport({ resumeBatchId: first.batch.id }, importChunks(streamOf(bytes), { batchRows: 10 }));
    expect(resumed.batch.counts.rejected).toBe(6);
    // Data rows are numbered from 2 (the header is row 1): bad-0 is row 2, bad-10 row 12, …
    expect(resumed.rejected.map((r) => r.row)).toEqual([2, 12, 22, 32, 42, 52]);
  });
});

describe('a stage changed by an import', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('is a move in the stage history (its reason in the rep\'s language) and on the timeline; undoing the import removes both', async () => {
    await useLocale('es');
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const from = contact.lifecycleStage;
    const { batch } = await importRows(HUBSPOT_HEADER, [hubspot({ Email: 'ana@clientco.com', 'Lifecycle Stage': 'Customer' })], 'overwrite');
    expect((await bg.db.contacts.get(contact.id))!.lifecycleStage).toBe('customer');
    const history = await send<'contacts.stageHistory'>({ type: 'contacts.stageHistory', contactId: contact.id });
    expect(history).toMatchObject([{ from, to: 'customer', by: 'import', reason: 'Importación CSV: contacts.csv' }]);
    const timeline = await send<'activities.list'>({ type: 'activities.list', contactId: contact.id });
    expect(timeline.filter((a) => a.type === 'stage.changed')).toMatchObject([{ data: { from, to: 'customer' } }]);

    await send({ type: 'import.undo', batchId: batch.id });
    expect((await bg.db.contacts.get(contact.id))!.lifecycleStage).toBe(from);
    expect(await send<'contacts.stageHistory'>({ type: 'contacts.stageHistory', contactId: contact.id })).toEqual([]);
    expect((await send<'activities.list'>({ type: 'activities.list', contactId: contact.id })).filter((a) => a.type === 'stage.changed')).toEqual([]);
  });
});
