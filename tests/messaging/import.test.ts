import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/client';
import { importChunks, inspectCsv } from '@/lib/domain/csv-pipeline';
import { contactsToCsv } from '@/lib/domain/export-csv';
import type { Contact } from '@/lib/domain/contact';
import { runImport } from '@/components/pages/import/run-import';
import { csvText, HUBSPOT_HEADER, rowFor, streamOf, utf8 } from '../unit/csv-samples';
import { startBackground } from './background-harness';

const hubspotRow = (i: number, over: Record<string, string> = {}) =>
  rowFor(HUBSPOT_HEADER, { 'First Name': `Name${i}`, 'Last Name': `Last${i}`, Email: `person${i}@company${i % 7}.com`, 'Company Name': `Company ${i % 7}`, 'Job Title': 'Buyer', 'Lifecycle Stage': 'Marketing Qualified Lead', ...over });

async function importBytes(bytes: Uint8Array, options: { policy?: 'fill' | 'overwrite' | 'keep'; batchRows?: number; signalAfter?: number } = {}) {
  const inspection = await inspectCsv(streamOf(bytes));
  const controller = new AbortController();
  let chunksSeen = 0;
  const chunks = importChunks(streamOf(bytes), { batchRows: options.batchRows ?? 500 });
  return runImport(
    { fileName: 'contacts.csv', fileSize: bytes.length, format: inspection.format, policy: options.policy ?? 'fill', mapping: inspection.mapping },
    chunks,
    {
      signal: controller.signal,
      onProgress: () => {
        if (options.signalAfter !== undefined && ++chunksSeen >= options.signalAfter) controller.abort();
      },
    },
  );
}

async function allContacts(): Promise<Contact[]> {
  const out: Contact[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof send<'export.page'>>> = await send<'export.page'>({ type: 'export.page', after, limit: 1000 });
    out.push(...page.contacts);
    after = page.next;
  } while (after);
  return out;
}

describe('CSV import through the background', () => {
  let bg: ReturnType<typeof startBackground>;
  beforeEach(() => {
    bg = startBackground();
  });

  it('imports a HubSpot export with stage ids, companies linked and scores computed; counts imported, merged, rejected', async () => {
    const rows = [HUBSPOT_HEADER, ...Array.from({ length: 1200 }, (_, i) => hubspotRow(i))];
    rows.push(hubspotRow(3, { Email: 'PERSON3@company3.com', 'Job Title': '' })); // same email again, other case
    rows.push(rowFor(HUBSPOT_HEADER, { 'First Name': 'Nobody', Email: 'not-an-address' }));
    const outcome = await importBytes(utf8(csvText(rows)));
    expect(outcome.batch).toMatchObject({ status: 'done', counts: { imported: 1200, merged: 1, rejected: 1 }, lastSeq: 2 });
    expect(outcome.rejected).toEqual([{ row: 1203, reason: 'Not a valid email address: not-an-address', cells: expect.any(Array) }]);
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(1200);
    const found = (await send<'contacts.lookup'>({ type: 'contacts.lookup', emails: ['person3@company3.com'] }))['person3@company3.com'];
    expect(found).toMatchObject({ firstName: 'Name3', title: 'Buyer', lifecycleStage: 'marketingqualifiedlead', company: 'Company 3', companyDomain: 'company3.com' });
    expect(found?.leadScore).toBeGreaterThan(0);
    expect(await bg.db.companies.get('company3.com')).toMatchObject({ name: 'Company 3' });
  });

  it('matches existing contacts by email and merges by policy (fill blanks by default, overwrite on request)', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const file = (title: string, first: string) => utf8(csvText([HUBSPOT_HEADER, rowFor(HUBSPOT_HEADER, { Email: 'Ana@ClientCo.com', 'First Name': first, 'Job Title': title })]));
    const filled = await importBytes(file('CTO', 'Anita'));
    expect(filled.batch.counts).toEqual({ imported: 0, merged: 1, rejected: 0 });
    expect(await send<'contacts.get'>({ type: 'contacts.get', id: contact.id })).toMatchObject({ firstName: 'Ana', title: 'CTO' });
    await importBytes(file('CEO', 'Anita'), { policy: 'overwrite' });
    expect(await send<'contacts.get'>({ type: 'contacts.get', id: contact.id })).toMatchObject({ firstName: 'Anita', title: 'CEO' });
    await importBytes(file('Intern', 'Zed'), { policy: 'keep' });
    expect(await send<'contacts.get'>({ type: 'contacts.get', id: contact.id })).toMatchObject({ firstName: 'Anita', title: 'CEO' });
  });

  it('undo removes what the batch created and restores what it merged into', async () => {
    const { contact } = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'ana@clientco.com', displayName: 'Ana Ruiz' } });
    const rows = [HUBSPOT_HEADER, rowFor(HUBSPOT_HEADER, { Email: 'ana@clientco.com', 'Job Title': 'CTO' }), ...Array.from({ length: 30 }, (_, i) => hubspotRow(i))];
    const { batch } = await importBytes(utf8(csvText(rows)), { batchRows: 7 });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(31);
    const undone = await send<'import.undo'>({ type: 'import.undo', batchId: batch.id });
    expect(undone).toMatchObject({ removed: 30, restored: 1, batch: { status: 'undone' } });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(1);
    expect(await send<'contacts.get'>({ type: 'contacts.get', id: contact.id })).toMatchObject({ title: '' });
    expect(await bg.db.importJournal.count()).toBe(0);
  });

  it('a cancelled import is a marked partial batch that resumes where it stopped (chunks are idempotent) or undoes', async () => {
    const rows = [HUBSPOT_HEADER, ...Array.from({ length: 100 }, (_, i) => hubspotRow(i))];
    const bytes = utf8(csvText(rows));
    const cancelled = await importBytes(bytes, { batchRows: 10, signalAfter: 3 });
    expect(cancelled.cancelled).toBe(true);
    // Cancelled after the third chunk's answer; with two chunks in flight the fourth may have been written too.
    expect(cancelled.batch).toMatchObject({ status: 'partial' });
    expect([2, 3]).toContain(cancelled.batch.lastSeq);
    expect(cancelled.batch.counts.imported).toBe((cancelled.batch.lastSeq + 1) * 10);
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(cancelled.batch.counts.imported);
    expect((await send<'import.batches'>({ type: 'import.batches' }))[0]).toMatchObject({ id: cancelled.batch.id, status: 'partial' });
    // A replayed chunk changes nothing.
    const replay = await send<'import.chunk'>({ type: 'import.chunk', batchId: cancelled.batch.id, seq: 1, records: [], rejected: 0, rows: 0 });
    expect(replay.skipped).toBe(true);
    // Out of order is refused.
    await expect(send({ type: 'import.chunk', batchId: cancelled.batch.id, seq: 9, records: [], rejected: 0, rows: 0 })).rejects.toMatchObject({ code: 'rejected' });
    const resumed = await runImport({ resumeBatchId: cancelled.batch.id }, importChunks(streamOf(bytes), { batchRows: 10 }));
    expect(resumed.batch).toMatchObject({ status: 'done', lastSeq: 9, rows: 100, counts: { imported: 100, merged: 0 } });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(100);
    await send({ type: 'import.undo', batchId: resumed.batch.id });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(0);
  });

  it('a crash mid-way leaves whole chunks only, and the batch shows as partial once stale', async () => {
    const rows = [HUBSPOT_HEADER, ...Array.from({ length: 20 }, (_, i) => hubspotRow(i))];
    const bytes = utf8(csvText(rows));
    const inspection = await inspectCsv(streamOf(bytes));
    const batch = await send<'import.begin'>({ type: 'import.begin', fileName: 'c.csv', fileSize: bytes.length, format: inspection.format, mapping: inspection.mapping });
    let seq = 0;
    for await (const chunk of importChunks(streamOf(bytes), { batchRows: 10 })) {
      if (seq++ === 1) break; // the page died before the second chunk
      await send({ type: 'import.chunk', batchId: batch.id, seq: chunk.seq, records: chunk.records, rejected: 0, rows: chunk.rows });
    }
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(10);
    await bg.db.importBatches.update(batch.id, { updatedAt: Date.now() - 120_000 });
    expect((await send<'import.batches'>({ type: 'import.batches' }))[0]).toMatchObject({ status: 'partial', lastSeq: 0, counts: { imported: 10 } });
  });

  it('rejects a chunk with an invalid record shape and writes nothing', async () => {
    const batch = await send<'import.begin'>({ type: 'import.begin', fileName: 'x.csv', fileSize: 1, format: 'generic', mapping: ['email'] });
    await expect(send({ type: 'import.chunk', batchId: batch.id, seq: 0, records: [{ row: 2, emails: [] }] as never, rejected: 0, rows: 1 })).rejects.toMatchObject({ code: 'invalid_message' });
    expect(await send<'contacts.count'>({ type: 'contacts.count' })).toBe(0);
    // The worker's JSON-text form is validated the same way.
    await expect(send({ type: 'import.chunk', batchId: batch.id, seq: 0, recordsJson: '[{"row":2,"emails":[]}]', rejected: 0, rows: 1 })).rejects.toMatchObject({ code: 'invalid_message' });
    await expect(send({ type: 'import.chunk', batchId: batch.id, seq: 0, recordsJson: '[{', rejected: 0, rows: 1 })).rejects.toMatchObject({ code: 'invalid_message' });
    // Records passed by URL must be a blob this extension made: a web page's blob (or any other URL) is refused unread.
    for (const recordsUrl of ['blob:https://mail.google.com/0b7c', `blob:${location.origin}.evil.test/0b7c`, 'blob:nodedata:0b7c']) {
      await expect(send({ type: 'import.chunk', batchId: batch.id, seq: 0, recordsUrl, rejected: 0, rows: 1 })).rejects.toMatchObject({ code: 'invalid_message', message: 'recordsUrl is not a blob of this extension' });
    }
    await expect(send({ type: 'import.chunk', batchId: batch.id, seq: 0, recordsUrl: 'https://evil.test/records.json', rejected: 0, rows: 1 })).rejects.toMatchObject({ code: 'invalid_message' });
    const record = { row: 2, emails: ['json@acme.com'], firstName: 'J', lastName: '', company: '', title: '', phones: [], stage: null, owner: '', createdAt: null, tags: [], website: '', location: '' };
    const ok = await send<'import.chunk'>({ type: 'import.chunk', batchId: batch.id, seq: 0, recordsJson: JSON.stringify([record]), rejected: 0, rows: 1 });
    expect(ok.counts).toEqual({ imported: 1, merged: 0, rejected: 0 });
  });

  it('a company is created once per batch, never overwritten, and a contact of a later chunk is scored with it', async () => {
    const batch = await send<'import.begin'>({ type: 'import.begin', fileName: 'x.csv', fileSize: 1, format: 'generic', mapping: ['email'] });
    const record = (row: number, email: string) => ({ row, emails: [email], firstName: 'N', lastName: '', company: 'Acme Corp', title: 'CEO', phones: [], stage: null, owner: '', createdAt: null, tags: [], website: '', location: '' });
    await send({ type: 'import.chunk', batchId: batch.id, seq: 0, records: [record(2, 'a@acme.io')], rejected: 0, rows: 1 });
    expect(await bg.db.companies.get('acme.io')).toMatchObject({ name: 'Acme Corp' });
    // The rep enriches the company while the import runs: later chunks neither recreate nor overwrite it.
    await bg.db.companies.update('acme.io', { name: 'ACME (edited)' });
    await send({ type: 'import.chunk', batchId: batch.id, seq: 1, records: [record(3, 'b@acme.io')], rejected: 0, rows: 1 });
    expect(await bg.db.companies.get('acme.io')).toMatchObject({ name: 'ACME (edited)' });
    const [a, b] = await Promise.all(['a@acme.io', 'b@acme.io'].map((e) => bg.db.contacts.where('emailKeys').equals(e).first()));
    expect(b).toMatchObject({ companyDomain: 'acme.io', leadScore: a?.leadScore, leadGrade: a?.leadGrade });
  });

  it('saves a column mapping for a header set and finds it again', async () => {
    await send({ type: 'import.saveMapping', signature: 'a|b', name: 'CRM X', mapping: ['email', null] });
    expect(await send<'import.findMapping'>({ type: 'import.findMapping', signature: 'a|b' })).toMatchObject({ name: 'CRM X', mapping: ['email', null] });
  });
});

describe('export', () => {
  beforeEach(() => {
    startBackground();
  });

  it('CSV export → import gives the same contacts (round trip), formula payloads included', async () => {
    const rows = [
      HUBSPOT_HEADER,
      ...Array.from({ length: 40 }, (_, i) => hubspotRow(i, { 'Phone Number': '+34 600 000 0' + (i % 10), 'Create Date': '2024-01-02 03:04:05' })),
      rowFor(HUBSPOT_HEADER, { Email: 'evil@x.com', 'First Name': '=HYPERLINK("http://evil","x")', 'Last Name': '@SUM(1)', 'Job Title': '-2+3', 'Lifecycle Stage': 'Customer' }),
    ];
    await importBytes(utf8(csvText(rows)));
    const before = await allContacts();
    const csv = contactsToCsv(before, { delimiter: ';', bom: true });
    expect(csv).toContain(`'=HYPERLINK`);
    fakeBrowser.reset();
    startBackground(); // a fresh database
    const bytes = utf8(csv);
    const { batch } = await importBytes(bytes);
    expect(batch.counts).toEqual({ imported: 41, merged: 0, rejected: 0 });
    const after = await allContacts();
    const shape = (c: Contact) => ({ emails: c.emails, firstName: c.firstName, lastName: c.lastName, company: c.company, title: c.title, phones: c.phones.map((p) => p.number), stage: c.lifecycleStage, owner: c.owner, tags: c.tags, createdAt: c.createdAt, score: c.leadScore });
    const byEmail = (list: Contact[]) => list.map(shape).sort((a, b) => (a.emails[0]!.address < b.emails[0]!.address ? -1 : 1));
    expect(byEmail(after)).toEqual(byEmail(before));
    expect(after.find((c) => c.emails[0]?.address === 'evil@x.com')).toMatchObject({ firstName: '=HYPERLINK("http://evil","x")', lastName: '@SUM(1)', lifecycleStage: 'customer' });
  });

  it('filters a segment by stage, grade, tag and owner; JSON pages carry activities', async () => {
    const a = await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'a@acme.com', displayName: 'A' } });
    await send<'contacts.create'>({ type: 'contacts.create', input: { email: 'b@acme.com', displayName: 'B' } });
    await send({ type: 'contacts.changeStage', contactId: a.contact.id, to: 'customer' });
    const page = await send<'export.page'>({ type: 'export.page', filter: { stage: 'customer' }, full: true });
    expect(page.contacts.map((c) => c.emails[0]?.address)).toEqual(['a@acme.com']);
    expect(page.contacts[0]?.activities?.some((x) => x.type === 'stage.changed')).toBe(true);
    expect((await send<'export.page'>({ type: 'export.page', filter: { owner: 'nobody' } })).contacts).toEqual([]);
    const csv = await send<'export.page'>({ type: 'export.page', filter: {}, csv: ';' });
    expect(csv).toMatchObject({ contacts: [], count: 2, next: null });
    expect(csv.csv?.split('\r\n').filter(Boolean).map((l) => l.split(';')[0]).sort()).toEqual(['a@acme.com', 'b@acme.com']);
  });
});
