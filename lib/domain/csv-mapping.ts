// CSV header → contact field mapping for the exports people have (HubSpot, Google Contacts, Outlook desktop and
// Outlook.com, Spanish-locale Excel), and one CSV row → an import record or a rejection with its reason. Pure.
import { isValidEmail, normaliseEmail } from './email';
import { HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET } from './lifecycle';

export const IMPORT_FIELDS = [
  'email',
  'email2',
  'email3',
  'firstName',
  'lastName',
  'fullName',
  'company',
  'title',
  'phone',
  'mobile',
  'stage',
  'leadStatus',
  'owner',
  'createdAt',
  'tags',
  'website',
  'city',
  'country',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** One entry per CSV column: the field it fills, or null (ignored). */
export type ColumnMapping = (ImportField | null)[];

export type CsvFormat = 'hubspot' | 'google' | 'google-legacy' | 'outlook' | 'outlook-com' | 'excel-es' | 'generic' | 'unknown';

/** Lowercase, accents stripped, every run of non-alphanumerics one space: "E-mail 1 - Value" → "e mail 1 value". */
export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ALIASES: Record<ImportField, string[]> = {
  email: ['email', 'e mail', 'email address', 'e mail address', 'e mail 1 value', 'primary email', 'correo', 'correo electronico', 'email 1', 'mail', 'direccion de correo electronico'],
  email2: ['e mail 2 address', 'e mail 2 value', 'additional email addresses', 'email 2', 'correo electronico 2', 'otro correo electronico'],
  email3: ['e mail 3 address', 'e mail 3 value', 'email 3', 'correo electronico 3'],
  firstName: ['first name', 'given name', 'firstname', 'nombre', 'nombre de pila'],
  lastName: ['last name', 'family name', 'surname', 'lastname', 'apellidos', 'apellido'],
  fullName: ['name', 'full name', 'display name', 'nombre completo', 'contact name'],
  company: ['company name', 'company', 'organization name', 'organization 1 name', 'empresa', 'compania', 'nombre de la empresa', 'organizacion'],
  title: ['job title', 'organization title', 'organization 1 title', 'title', 'cargo', 'puesto', 'titulo del puesto'],
  phone: ['phone number', 'phone', 'business phone', 'phone 1 value', 'telefono', 'primary phone', 'telefono del trabajo', 'numero de telefono'],
  mobile: ['mobile phone number', 'mobile phone', 'mobile', 'phone 2 value', 'movil', 'telefono movil', 'numero de telefono movil'],
  stage: ['lifecycle stage', 'etapa del ciclo de vida', 'fase del ciclo de vida', 'stage', 'etapa'],
  leadStatus: ['lead status', 'estado del lead', 'estado del cliente potencial'],
  owner: ['contact owner', 'owner', 'propietario', 'propietario del contacto'],
  createdAt: ['create date', 'created', 'created at', 'fecha de creacion', 'creado'],
  tags: ['tags', 'categories', 'labels', 'etiquetas', 'categorias'],
  website: ['website url', 'website', 'web page', 'website 1 value', 'sitio web', 'pagina web', 'url del sitio web'],
  city: ['city', 'business city', 'address 1 city', 'ciudad', 'localidad'],
  country: ['country region', 'country', 'business country region', 'address 1 country', 'pais', 'pais region'],
};

const ALIAS_TO_FIELD = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) ALIAS_TO_FIELD.set(alias, field);

export function detectFormat(headers: readonly string[], delimiter: string): CsvFormat {
  const h = new Set(headers.map(foldHeader));
  if (h.has('record id') || h.has('contact owner') || (h.has('lifecycle stage') && h.has('email'))) return 'hubspot';
  if (h.has('given name') && h.has('e mail 1 value')) return 'google-legacy';
  if (h.has('e mail 1 value')) return 'google';
  if (h.has('e mail address')) return headers.length >= 60 ? 'outlook' : 'outlook-com';
  if (delimiter === ';' || h.has('correo electronico') || h.has('apellidos')) return 'excel-es';
  return [...h].some((x) => ALIAS_TO_FIELD.get(x) === 'email') ? 'generic' : 'unknown';
}

/** The automatic mapping: each field is taken by the first column that names it; the rest are ignored. */
export function autoMap(headers: readonly string[], format: CsvFormat): ColumnMapping {
  const taken = new Set<ImportField>();
  return headers.map((raw) => {
    const folded = foldHeader(raw);
    // Outlook's "Title" is the honorific (Mr., Sra.); the job is "Job Title".
    if ((format === 'outlook' || format === 'outlook-com') && folded === 'title') return null;
    const field = ALIAS_TO_FIELD.get(folded) ?? null;
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

export function mappingHasEmail(mapping: ColumnMapping): boolean {
  return mapping.some((f) => f === 'email' || f === 'email2' || f === 'email3');
}

/** A saved mapping is reused for a file with the same headers in the same order (case and accents aside). */
export function headerSignature(headers: readonly string[]): string {
  // In column order: a saved mapping is a list by position, so the same headers in another order are another layout.
  // Versioned: mappings saved under the earlier, sorted signature must not match a file whose headers happen to sort.
  return `v2:${headers.map(foldHeader).join('|')}`;
}

// ——— values ———

/** Undoes the export's formula neutralisation ('=1+1 → =1+1) so a round trip gives the same text. */
export function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const foldLabel = (s: string) => foldHeader(s).replace(/ /g, '');
const STAGE_BY_LABEL = new Map<string, string>();
for (const set of [HUBSPOT_STAGE_SET, RELATIONSHIP_STAGE_SET]) {
  for (const stage of set.stages) {
    STAGE_BY_LABEL.set(foldLabel(stage.id), stage.id);
    STAGE_BY_LABEL.set(foldLabel(stage.label.en), stage.id);
    STAGE_BY_LABEL.set(foldLabel(stage.label.es), stage.id);
  }
}
for (const [label, id] of [
  ['mql', 'marketingqualifiedlead'],
  ['sql', 'salesqualifiedlead'],
  ['marketingqualifiedlead', 'marketingqualifiedlead'],
  ['leadcualificadopormarketing', 'marketingqualifiedlead'],
  ['leadcualificadoporventas', 'salesqualifiedlead'],
  ['evangelista', 'evangelist'],
  ['suscriptora', 'subscriber'],
] as const) STAGE_BY_LABEL.set(label, id);

/** "Marketing Qualified Lead", "Lead cualificado por marketing", "marketingqualifiedlead" → the stage id; else null. */
export function stageFromLabel(label: string): string | null {
  const key = foldLabel(label);
  return key ? (STAGE_BY_LABEL.get(key) ?? null) : null;
}

/**
 * Dates as exports write them: ISO ("2024-03-15", "2024-03-15 10:22"), dd/mm/yyyy when `dayFirst` (Spanish Excel),
 * else mm/dd/yyyy; epoch milliseconds (HubSpot API-style). Null when unreadable.
 */
export function parseDate(value: string, dayFirst: boolean): number | null {
  const v = value.trim();
  if (!v) return null;
  if (/^\d{12,13}$/.test(v)) return Number(v);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?/.exec(v);
  if (m) {
    const t = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    return t === null ? null : t + +(m[7] ?? '0').padEnd(3, '0');
  }
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (m) {
    const a = +m[1]!;
    const b = +m[2]!;
    const year = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!;
    const [day, month] = dayFirst || a > 12 ? [a, b] : [b, a];
    return utc(year, month, day, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  return null;
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  return back.getUTCDate() === d && t >= 0 ? t : null;
}

/** "1.234,56" (decimal comma) or "1,234.56" → 1234.56; null when not a number. */
export function parseNumber(value: string, decimalComma: boolean): number | null {
  let v = value.trim().replace(/[\s\u00a0€$£]/g, '');
  if (!v) return null;
  v = decimalComma ? v.replace(/\./g, '').replace(',', '.') : v.replace(/,/g, '');
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

const PHONE = /^\+?[0-9 ()./-]{5,30}$/;
const clip = (s: string, max: number) => s.trim().slice(0, max);

function website(value: string): string {
  const v = value.trim();
  if (!v) return '';
  const url = /^https?:\/\//i.test(v) ? v : /^www\.|^[a-z0-9-]+(\.[a-z0-9-]+)+(\/|$)/i.test(v) ? `https://${v}` : '';
  try {
    return url && url.length <= 2048 && new URL(url).protocol.startsWith('http') ? url : '';
  } catch {
    return '';
  }
}

/** What one CSV row contributes to a contact. Strings are '' when the row has nothing for them. */
export interface ImportRecord {
  row: number;
  /** Normalised, valid, de-duplicated; the first is the primary. */
  emails: string[];
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  phones: string[];
  stage: string | null;
  owner: string;
  createdAt: number | null;
  tags: string[];
  website: string;
  location: string;
}

export type RowResult = { ok: true; record: ImportRecord } | { ok: false; row: number; reason: string };

export interface RowContext {
  /** dd/mm/yyyy dates (Spanish Excel, or a `;` file). */
  dayFirst: boolean;
}

/** Splits Google's multi-value cells ("a@x.com ::: b@y.com") and HubSpot's "Additional email addresses" (;). */
const splitMulti = (cell: string) => cell.split(/\s*:::\s*|;/).map((s) => s.trim()).filter(Boolean);

export function mapRow(row: number, cells: readonly string[], mapping: ColumnMapping, ctx: RowContext): RowResult {
  const get = (field: ImportField) => {
    const i = mapping.indexOf(field);
    return i < 0 ? '' : unneutralise((cells[i] ?? '').trim());
  };
  const rawEmails = [...splitMulti(get('email')), ...splitMulti(get('email2')), ...splitMulti(get('email3'))];
  // Exchange-internal addresses (/o=ExchangeLabs/ou=…) and other junk are skipped for the next real address.
  const emails = [...new Set(rawEmails.map(normaliseEmail).filter((e) => isValidEmail(e) && e.length <= 320))];
  if (emails.length === 0) {
    const shown = rawEmails.find((e) => !e.startsWith('/o=')) ?? rawEmails[0];
    return { ok: false, row, reason: shown ? `Not a valid email address: ${shown.slice(0, 80)}` : 'No email address' };
  }
  let firstName = get('firstName');
  let lastName = get('lastName');
  const fullName = get('fullName');
  if (!firstName && !lastName && fullName) {
    const parts = fullName.split(/\s+/);
    firstName = parts[0] ?? '';
    lastName = parts.slice(1).join(' ');
  }
  const phones = [...new Set([get('phone'), get('mobile')].flatMap(splitMulti).filter((p) => PHONE.test(p)))].slice(0, 10);
  const tags = [
    ...splitMulti(get('tags').replace(/,/g, ';'))
      .filter((t) => !t.startsWith('*'))
      .map((t) => clip(t, 60)),
    ...(get('leadStatus') ? [clip(`status:${get('leadStatus')}`, 60)] : []),
  ];
  const location = [get('city'), get('country')].filter(Boolean).join(', ');
  return {
    ok: true,
    record: {
      row,
      emails: emails.slice(0, 20),
      firstName: clip(firstName, 100),
      lastName: clip(lastName, 100),
      company: clip(get('company'), 200),
      title: clip(get('title'), 200),
      phones,
      stage: stageFromLabel(get('stage')),
      owner: clip(get('owner'), 254),
      createdAt: parseDate(get('createdAt'), ctx.dayFirst),
      tags: [...new Set(tags.filter(Boolean))].slice(0, 50),
      website: website(get('website')),
      location: clip(location, 200),
    },
  };
}
