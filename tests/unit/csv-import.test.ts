import { describe, expect, it } from 'vitest';
import { autoMap, detectFormat, headerSignature, mapRow, parseDate, parseNumber, stageFromLabel, unneutralise } from '@/lib/domain/csv-mapping';
import { detectDelimiter, detectEncoding, fileEncoding, readCsv } from '@/lib/domain/csv-parse';
import { importChunks, inspectCsv, type PipelineChunk } from '@/lib/domain/csv-pipeline';
import { contactsToCsv, neutraliseCell, rejectedRowsCsv } from '@/lib/domain/export-csv';
import { contactFromImport, mergeImport } from '@/lib/domain/import-merge';
import type { ImportRecord } from '@/lib/domain/csv-mapping';
import {
  csvText,
  EXCEL_ES_HEADER,
  GOOGLE_HEADER,
  GOOGLE_LEGACY_HEADER,
  HUBSPOT_HEADER,
  OUTLOOK_COM_HEADER,
  OUTLOOK_HEADER,
  rowFor,
  streamOf,
  utf16le,
  utf8,
  utf8Bom,
  windows1252,
} from './csv-samples';

async function collect(bytes: Uint8Array, chunkSize?: number, batchRows = 1000) {
  const chunks: PipelineChunk[] = [];
  let format = '';
  for await (const c of importChunks(streamOf(bytes, chunkSize), { batchRows, onMeta: (m) => (format = m.format) })) chunks.push(c);
  return { format, records: chunks.flatMap((c) => c.records), rejected: chunks.flatMap((c) => c.rejected), chunks };
}

describe('encoding and delimiter detection', () => {
  it('sniffs BOMs, valid UTF-8 and falls back to Windows-1252', () => {
    expect(detectEncoding(utf8Bom('a'))).toEqual({ encoding: 'utf-8', bom: 3 });
    expect(detectEncoding(utf16le('a'))).toEqual({ encoding: 'utf-16le', bom: 2 });
    expect(detectEncoding(utf8('Peña'))).toEqual({ encoding: 'utf-8', bom: 0 });
    expect(detectEncoding(windows1252('Peña'))).toEqual({ encoding: 'windows-1252', bom: 0 });
    // A UTF-8 character cut by the sample's end is still UTF-8.
    expect(detectEncoding(utf8('abcñ').slice(0, 4)).encoding).toBe('utf-8');
  });

  it('checks a UTF-8 guess to the end of the file: one Windows-1252 name deep in it makes it Windows-1252', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `p${i}@x.com,Name${i}`);
    const late = windows1252(['Email,First Name', ...rows, 'z@x.com,Muñoz'].join('\r\n') + '\r\n');
    expect(detectEncoding(late.slice(0, 4096)).encoding).toBe('utf-8'); // what the start alone says
    expect(await fileEncoding(streamOf(late, 4096))).toBe('windows-1252');
    expect(await fileEncoding(streamOf(utf8(['Email,First Name', ...rows, 'z@x.com,Muñoz'].join('\r\n')), 4096))).toBe('utf-8');
    expect(await fileEncoding(streamOf(utf16le('Email\r\nz@x.com')))).toBe('utf-16le');
    // A mixed file (accented UTF-8 early, one Windows-1252 byte late) stays UTF-8: one row wrong, not every name.
    const early = utf8(['Email,First Name', 'a@x.com,Peña', ...rows].join('\r\n') + '\r\n');
    const mixed = new Uint8Array([...early, ...windows1252('z@x.com,Muñoz\r\n')]);
    expect(await fileEncoding(streamOf(mixed, 4096))).toBe('utf-8');
    // Read with the whole file's encoding, the late name comes out right.
    const chunks: PipelineChunk[] = [];
    for await (const c of importChunks(streamOf(late, 4096), { encoding: await fileEncoding(streamOf(late, 4096)) })) chunks.push(c);
    expect(chunks.flatMap((c) => c.records).at(-1)?.firstName).toBe('Muñoz');
  });

  it('picks the delimiter that splits the header most, ignoring quoted text', () => {
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('Nombre;Apellidos;Correo\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
  });
});

describe('streaming reader', () => {
  it('reads the same rows whatever the chunk size (multi-byte characters and quoted newlines cut across chunks)', async () => {
    const text = csvText([['Email', 'First Name', 'Notes'], ['ñúñez@acme.es', 'Ñúñez 😀', 'line one\nline "two", three'], ['b@x.com', 'Bo', '']]);
    const rowsAt = async (size: number) => {
      const out: string[][] = [];
      for await (const b of readCsv(streamOf(utf8(text), size), () => undefined)) out.push(...b.rows.map((r) => r.cells));
      return out;
    };
    const whole = await rowsAt(1 << 20);
    expect(whole).toEqual([
      ['ñúñez@acme.es', 'Ñúñez 😀', 'line one\nline "two", three'],
      ['b@x.com', 'Bo', ''],
    ]);
    for (const size of [1, 3, 7, 64]) expect(await rowsAt(size)).toEqual(whole);
  });

  it('decodes UTF-16LE with BOM and Windows-1252', async () => {
    const text = csvText([['Email', 'First Name'], ['a@acme.es', 'Begoña €']]);
    for (const bytes of [utf16le(text), windows1252(text), utf8Bom(text)]) {
      const { records } = await collect(bytes, 5);
      expect(records[0]?.firstName).toBe('Begoña €');
    }
  });

  it('drops NUL bytes, keeps 10,000-character cells, survives ragged rows and an unterminated quote', async () => {
    const long = 'x'.repeat(10_000);
    const text =
      'Email,First Name,Job Title\r\n' +
      'a\u0000@acme.com,A\u0000na,' + long + '\r\n' +
      'short@acme.com\r\n' + // ragged: fewer cells
      'extra@acme.com,Ex,T,surplus,cells\r\n' + // ragged: more cells
      'bad@acme.com,"never closed,T\r\nnext@acme.com,N,T\r\n';
    const { records } = await collect(utf8(text), 100);
    expect(records[0]).toMatchObject({ emails: ['a@acme.com'], firstName: 'Ana', title: long.slice(0, 200) });
    expect(records.map((r) => r.emails[0])).toEqual(['a@acme.com', 'short@acme.com', 'extra@acme.com', 'bad@acme.com']);
  });

  it('cuts a runaway quoted row at the cap instead of buffering the rest of the file', async () => {
    const text = 'Email,Name\r\na@x.com,"' + 'y'.repeat(5000) + '\r\nb@x.com,B\r\n';
    const out: string[][] = [];
    for await (const b of readCsv(streamOf(utf8(text), 256), () => undefined, { maxRowChars: 1000 })) out.push(...b.rows.map((r) => r.cells));
    expect(out.length).toBeGreaterThanOrEqual(1);
    expect(out[0]?.[0]).toBe('a@x.com');
  });

  it('numbers rows as the file does (header = row 1) and batches them', async () => {
    const rows = [['Email'], ...Array.from({ length: 25 }, (_, i) => [`p${i}@acme.com`])];
    const { chunks } = await collect(utf8(csvText(rows)), 13, 10);
    expect(chunks.map((c) => [c.seq, c.rows])).toEqual([[0, 10], [1, 10], [2, 5]]);
    expect(chunks[0]?.records[0]?.row).toBe(2);
  });
});

describe('format detection and auto-mapping', () => {
  it('HubSpot export: names, company, title, lifecycle labels → stage ids, owner, create date, lead status', async () => {
    const text = csvText([
      HUBSPOT_HEADER,
      rowFor(HUBSPOT_HEADER, { 'Record ID': '1', 'First Name': 'Ana', 'Last Name': 'Ruiz', Email: 'Ana@ClientCo.com', 'Phone Number': '+34 600 111 222', 'Company Name': 'ClientCo', 'Job Title': 'CTO', 'Lifecycle Stage': 'Marketing Qualified Lead', 'Lead Status': 'In progress', 'Contact owner': 'rita@me.com', 'Create Date': '2024-03-15 10:22' }),
      rowFor(HUBSPOT_HEADER, { 'First Name': 'Bea', Email: 'bea@clientco.com', 'Lifecycle Stage': 'Cliente' }),
      rowFor(HUBSPOT_HEADER, { 'First Name': 'NoMail' }),
    ]);
    const { format, records, rejected } = await collect(utf8(text));
    expect(format).toBe('hubspot');
    expect(records[0]).toMatchObject({
      emails: ['ana@clientco.com'], firstName: 'Ana', lastName: 'Ruiz', company: 'ClientCo', title: 'CTO', phones: ['+34 600 111 222'],
      stage: 'marketingqualifiedlead', owner: 'rita@me.com', createdAt: Date.UTC(2024, 2, 15, 10, 22), tags: ['status:In progress'],
    });
    expect(records[1]?.stage).toBe('customer');
    expect(rejected).toEqual([{ row: 4, reason: 'No email address', cells: expect.any(Array) }]);
  });

  it('Google Contacts, current and legacy layouts (multi-value cells split)', async () => {
    const current = csvText([GOOGLE_HEADER, rowFor(GOOGLE_HEADER, { 'First Name': 'Carla', 'Last Name': 'Gil', 'E-mail 1 - Value': 'carla@gil.es ::: carla.gil@gmail.com', 'Organization Name': 'Gil SL', 'Organization Title': 'CEO', Labels: '* myContacts ::: Clientes', 'Phone 1 - Value': '+34 911 222 333' })]);
    const a = await collect(utf8(current));
    expect(a.format).toBe('google');
    expect(a.records[0]).toMatchObject({ emails: ['carla@gil.es', 'carla.gil@gmail.com'], firstName: 'Carla', company: 'Gil SL', title: 'CEO', tags: ['Clientes'] });
    const legacy = csvText([GOOGLE_LEGACY_HEADER, rowFor(GOOGLE_LEGACY_HEADER, { Name: 'Dani Paz', 'Given Name': 'Dani', 'Family Name': 'Paz', 'E-mail 1 - Type': '* Work', 'E-mail 1 - Value': 'dani@paz.io', 'Organization 1 - Name': 'Paz', 'Organization 1 - Title': 'Dev' })]);
    const b = await collect(utf8(legacy));
    expect(b.format).toBe('google-legacy');
    expect(b.records[0]).toMatchObject({ emails: ['dani@paz.io'], firstName: 'Dani', lastName: 'Paz', company: 'Paz', title: 'Dev' });
  });

  it('Outlook desktop (92 columns): Exchange /o= addresses skipped for the next real one; "Title" is the honorific', async () => {
    expect(OUTLOOK_HEADER.length).toBeGreaterThanOrEqual(90);
    const text = csvText([
      OUTLOOK_HEADER,
      rowFor(OUTLOOK_HEADER, { Title: 'Sra.', 'First Name': 'Eva', 'Last Name': 'Sol', Company: 'Sol SA', 'Job Title': 'CFO', 'E-mail Address': '/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=eva', 'E-mail Type': 'EX', 'E-mail 2 Address': 'eva@sol.es', 'Business Phone': '+34 93 000 11 22', 'Business City': 'Barcelona', 'Business Country/Region': 'Spain', Categories: 'VIP;Feria' }),
      rowFor(OUTLOOK_HEADER, { 'First Name': 'OnlyExchange', 'E-mail Address': '/o=ExchangeLabs/ou=x/cn=only' }),
    ]);
    const { format, records, rejected } = await collect(utf8(text));
    expect(format).toBe('outlook');
    expect(records[0]).toMatchObject({ emails: ['eva@sol.es'], firstName: 'Eva', title: 'CFO', company: 'Sol SA', location: 'Barcelona, Spain', tags: ['VIP', 'Feria'] });
    expect(rejected[0]?.reason).toMatch(/Not a valid email address: \/o=/);
    const com = csvText([OUTLOOK_COM_HEADER, rowFor(OUTLOOK_COM_HEADER, { 'First Name': 'Fer', Title: 'Mr.', 'E-mail Address': 'fer@x.com', 'Job Title': 'Buyer' })]);
    const c = await collect(utf8(com));
    expect(c.format).toBe('outlook-com');
    expect(c.records[0]).toMatchObject({ emails: ['fer@x.com'], title: 'Buyer' });
  });

  it('Spanish-locale Excel: Windows-1252, `;`, dd/mm/yyyy, accented headers, Spanish stage labels', async () => {
    const text = csvText(
      [EXCEL_ES_HEADER, rowFor(EXCEL_ES_HEADER, { Nombre: 'José', Apellidos: 'Peña Ibáñez', 'Correo electrónico': 'jose@peña.es', Teléfono: '+34 600 000 000', Empresa: 'Peña', Cargo: 'Director de compras', 'Etapa del ciclo de vida': 'Oportunidad', 'Fecha de creación': '03/02/2024', Importe: '1.234,56' }),
        rowFor(EXCEL_ES_HEADER, { Nombre: 'Luz', 'Correo electrónico': 'luz@acme.es', 'Fecha de creación': '13/12/2023' })],
      ';',
    );
    const { format, records, rejected } = await collect(windows1252(text), 9);
    expect(format).toBe('excel-es');
    expect(rejected).toEqual([]);
    expect(records[0]).toMatchObject({ firstName: 'José', lastName: 'Peña Ibáñez', company: 'Peña', title: 'Director de compras', stage: 'opportunity', createdAt: Date.UTC(2024, 1, 3) });
    expect(records[1]).toMatchObject({ firstName: 'Luz', createdAt: Date.UTC(2023, 11, 13) });
    expect(parseDate('03/02/2024', true)).toBe(Date.UTC(2024, 1, 3));
    expect(parseDate('03/02/2024', false)).toBe(Date.UTC(2024, 2, 2));
    expect(parseNumber('1.234,56', true)).toBe(1234.56);
    expect(parseNumber('1,234.56', false)).toBe(1234.56);
  });

  it('unknown headers are not recognised (mapping screen); a generic "email" column is', async () => {
    const unknown = await inspectCsv(streamOf(utf8('Col A,Col B\nx,y\n')));
    expect(unknown).toMatchObject({ format: 'unknown', recognised: false, header: ['Col A', 'Col B'], preview: [['x', 'y']] });
    const generic = await inspectCsv(streamOf(utf8('E-mail,Name\na@b.co,Al\n')));
    expect(generic).toMatchObject({ format: 'generic', recognised: true });
    expect(detectFormat(['Email', 'Lifecycle Stage'], ',')).toBe('hubspot');
    expect(autoMap(['Email', 'Email'], 'generic')).toEqual(['email', null]);
  });

  it('stage labels in English and Spanish, ids and abbreviations', () => {
    expect(stageFromLabel('Sales Qualified Lead')).toBe('salesqualifiedlead');
    expect(stageFromLabel('Lead cualificado por marketing')).toBe('marketingqualifiedlead');
    expect(stageFromLabel('evangelist')).toBe('evangelist');
    expect(stageFromLabel('Retención')).toBe('retention');
    expect(stageFromLabel('nonsense')).toBeNull();
  });

  it('formula payloads and HTML stay text; an exported neutralised cell reads back as it was', () => {
    const mapping = autoMap(['Email', 'First Name', 'Last Name'], 'generic');
    const result = mapRow(2, ['x@acme.com', "'=HYPERLINK(\"http://evil\")", '<img src=x onerror=alert(1)>'], mapping, { dayFirst: false });
    expect(result.ok && result.record).toMatchObject({ firstName: '=HYPERLINK("http://evil")', lastName: '<img src=x onerror=alert(1)>' });
    expect(unneutralise("'+34 600")).toBe('+34 600');
    expect(unneutralise("'hello")).toBe("'hello");
  });
});

const rec = (over: Partial<ImportRecord> = {}): ImportRecord => ({
  row: 2, emails: ['ana@clientco.com'], firstName: '', lastName: '', company: '', title: '', phones: [], stage: null, owner: '', createdAt: null, tags: [], website: '', location: '', ...over,
});

describe('saved mappings', () => {
  it('match a file with the same headers in the same order only: a mapping is a list by position', () => {
    expect(headerSignature(['E-mail', 'Name'])).toBe(headerSignature([' e-mail ', 'NAME']));
    expect(headerSignature(['Email', 'Name'])).not.toBe(headerSignature(['Name', 'Email']));
  });
});

describe('merge policies', () => {
  const existing = contactFromImport(rec({ firstName: 'Ana', title: '', tags: ['a'] }), { id: 'c1', now: 1000, stage: 'lead' });

  it('fill blanks (default) sets only empty fields; overwrite replaces what the row has; keep changes nothing', () => {
    const incoming = rec({ firstName: 'Anita', title: 'CTO', tags: ['b'], stage: 'customer', emails: ['ana@clientco.com', 'ana2@clientco.com'] });
    const free = incoming.emails;
    const filled = mergeImport(existing, incoming, 'fill', { now: 2000, freeEmails: free });
    expect(filled).toMatchObject({ firstName: 'Ana', title: 'CTO', tags: ['a', 'b'], lifecycleStage: 'lead' });
    expect(filled.emails.map((e) => [e.address, e.primary])).toEqual([['ana@clientco.com', true], ['ana2@clientco.com', false]]);
    const over = mergeImport(existing, incoming, 'overwrite', { now: 2000, freeEmails: free });
    expect(over).toMatchObject({ firstName: 'Anita', title: 'CTO', lifecycleStage: 'customer' });
    // An empty cell never blanks a field.
    expect(mergeImport(existing, rec({ firstName: '' }), 'overwrite', { now: 2000, freeEmails: [] }).firstName).toBe('Ana');
    expect(mergeImport(existing, incoming, 'keep', { now: 2000, freeEmails: free })).toBe(existing);
  });

  it('a new contact takes the row company, else a guess from a business domain, none for free mail', () => {
    expect(contactFromImport(rec({ company: 'Client Co SL' }), { id: 'x', now: 1, stage: 'lead' })).toMatchObject({ company: 'Client Co SL', companyDomain: 'clientco.com' });
    expect(contactFromImport(rec({ emails: ['pepe@gmail.com'] }), { id: 'y', now: 1, stage: 'lead' })).toMatchObject({ company: '', companyDomain: '' });
  });
});

describe('CSV export', () => {
  it('neutralises formula starts per OWASP and quotes what needs quoting', () => {
    for (const payload of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(payload)).toBe(`'${payload}`);
    expect(neutraliseCell('Ana')).toBe('Ana');
    const c = contactFromImport(rec({ firstName: '=cmd|" /C calc"!A0', lastName: 'O"Neil; Jr' }), { id: 'x', now: Date.UTC(2024, 0, 2), stage: 'lead' });
    const csv = contactsToCsv([c], { delimiter: ';', bom: true });
    expect(csv.startsWith('\ufeffEmail;Additional email addresses;First Name')).toBe(true);
    expect(csv).toContain(`"'=cmd|"" /C calc""!A0";"O""Neil; Jr"`);
  });

  it('the error report lists row, reason and the row cells', () => {
    expect(rejectedRowsCsv(['Email'], [{ row: 3, reason: 'No email address', cells: ['=bad'] }])).toBe("\ufeffRow,Reason,Email\r\n3,No email address,'=bad\r\n");
  });
});
