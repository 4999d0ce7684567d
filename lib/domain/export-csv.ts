// Contacts → CSV with HubSpot's headers (so a HubSpot or Ficha import maps it back), formula-injection safe (OWASP:
// a cell starting with = + - @ tab or CR gets a leading apostrophe), optional BOM for Excel and `;` delimiter.
import type { Contact } from './contact';
import { HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET } from './lifecycle';

export const EXPORT_HEADERS = [
  'Email',
  'Additional email addresses',
  'First Name',
  'Last Name',
  'Company Name',
  'Job Title',
  'Phone Number',
  'Mobile Phone Number',
  'Lifecycle Stage',
  'Contact owner',
  'Create Date',
  'Tags',
  'Website URL',
  'City',
] as const;

export interface CsvOptions {
  delimiter: ',' | ';';
  bom: boolean;
}

/** OWASP CSV injection: cells that a spreadsheet would read as a formula are prefixed with an apostrophe. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: string, delimiter: string): string {
  const safe = neutraliseCell(value);
  return safe.includes('"') || safe.includes(delimiter) || /[\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((c) => csvCell(c, delimiter)).join(delimiter) + '\r\n';
}

const LABELS = new Map<string, string>();
for (const set of [RELATIONSHIP_STAGE_SET, HUBSPOT_STAGE_SET]) for (const s of set.stages) LABELS.set(s.id, s.label.en);

/** "2024-03-15 10:22:05" (UTC), with milliseconds only when there are any, so a round trip keeps the instant. */
const isoDate = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, t % 1000 ? 23 : 19);

export function contactCsvCells(contact: Contact): string[] {
  const [primary, ...others] = contact.emails;
  return [
    primary?.address ?? '',
    others.map((e) => e.address).join(';'),
    contact.firstName,
    contact.lastName,
    contact.company,
    contact.title,
    contact.phones[0]?.number ?? '',
    contact.phones[1]?.number ?? '',
    LABELS.get(contact.lifecycleStage) ?? contact.lifecycleStage,
    contact.owner,
    isoDate(contact.createdAt),
    contact.tags.join(';'),
    contact.profile.contactData.website ?? '',
    contact.profile.general.location ?? '',
  ];
}

export function csvHeader(options: CsvOptions): string {
  return (options.bom ? '\ufeff' : '') + csvLine(EXPORT_HEADERS, options.delimiter);
}

export function contactsToCsv(contacts: readonly Contact[], options: CsvOptions): string {
  return csvHeader(options) + contacts.map((c) => csvLine(contactCsvCells(c), options.delimiter)).join('');
}

/** Rejected import rows as a CSV report: row number, reason, then the row's own cells. */
export function rejectedRowsCsv(header: readonly string[], rows: readonly { row: number; reason: string; cells: readonly string[] }[]): string {
  return '\ufeff' + csvLine(['Row', 'Reason', ...header], ',') + rows.map((r) => csvLine([String(r.row), r.reason, ...r.cells], ',')).join('');
}
