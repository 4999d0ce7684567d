// CSV samples in the layouts people export, and byte helpers (encodings, streams cut at awkward places).

export const HUBSPOT_HEADER = ['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Job Title', 'Lifecycle Stage', 'Lead Status', 'Contact owner', 'Create Date', 'Last Activity Date'];

export const GOOGLE_HEADER = ['First Name', 'Middle Name', 'Last Name', 'Nickname', 'Birthday', 'Notes', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Organization Name', 'Organization Title', 'Website 1 - Label', 'Website 1 - Value'];

export const GOOGLE_LEGACY_HEADER = ['Name', 'Given Name', 'Additional Name', 'Family Name', 'Yomi Name', 'Nickname', 'Birthday', 'Notes', 'Group Membership', 'E-mail 1 - Type', 'E-mail 1 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Organization 1 - Type', 'Organization 1 - Name', 'Organization 1 - Title'];

export const OUTLOOK_HEADER = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business Street 2,Business Street 3,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home Street 2,Home Street 3,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,Other State,Other Postal Code,Other Country/Region,Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,Car Phone,Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,Billing Information,Birthday,Business Address PO Box,Categories,Children,Directory Server,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,E-mail 3 Type,E-mail 3 Display Name,Gender,Government ID Number,Hobby,Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,Spouse,User 1,User 2,User 3,User 4,Web Page".split(',');

export const OUTLOOK_COM_HEADER = ['First Name', 'Middle Name', 'Last Name', 'Title', 'Suffix', 'Nickname', 'Given Yomi', 'Surname Yomi', 'E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address', 'Home Phone', 'Home Phone 2', 'Business Phone', 'Business Phone 2', 'Mobile Phone', 'Company', 'Job Title', 'Categories', 'Notes'];

export const EXCEL_ES_HEADER = ['Nombre', 'Apellidos', 'Correo electrónico', 'Teléfono', 'Empresa', 'Cargo', 'Etapa del ciclo de vida', 'Fecha de creación', 'Importe'];

/** A row for a header, from a field → value object keyed by header name. */
export function rowFor(header: readonly string[], values: Record<string, string>): string[] {
  return header.map((h) => values[h] ?? '');
}

export function csvText(rows: readonly (readonly string[])[], delimiter = ',', newline = '\r\n'): string {
  const cell = (c: string) => (/["\r\n]/.test(c) || c.includes(delimiter) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(delimiter)).join(newline) + newline;
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const utf8Bom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  if (bom) out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[(bom ? 2 : 0) + i * 2] = code & 0xff;
    out[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return out;
}

const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
export function windows1252(text: string): Uint8Array {
  return new Uint8Array(
    [...text].map((ch) => {
      const extra = CP1252_EXTRA[ch];
      if (extra !== undefined) return extra;
      const code = ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`Not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

/** A byte stream delivered in chunks of `size` bytes (small sizes cut multi-byte characters and quoted cells). */
export function streamOf(bytes: Uint8Array, size = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}
