// Display formats for figures, in the browser's locale. Dates are local calendar days.
import { i18n } from '@/lib/i18n/cached-messages';

export const dash = () => i18n.t('contact.noValue');

// Formatters are made once: `toLocaleString` with options builds a new Intl formatter per call (~0.1 ms each), and a
// card formats a dozen dates on every thread switch.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(id: string, make: () => T): T {
  let f = formatters.get(id) as T | undefined;
  if (!f) formatters.set(id, (f = make()));
  return f;
}

const dayFormat = () => formatter('day', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }));
const momentFormat = () => formatter('moment', () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

/**
 * Makes the date formatters ahead of the first card. The first Intl date formatter of a page loads the locale's data
 * (~30–90 ms, a long task): done when the page is idle after the sidebar mounts, not on the first thread switch.
 */
export function prepareDateFormats(): void {
  dayFormat();
  momentFormat();
}

export function formatDate(at: number | null | undefined): string {
  return at == null ? dash() : dayFormat().format(at);
}

/** Day and time, e.g. a timeline entry. */
export const formatMoment = (at: number): string => momentFormat().format(at);

export function formatMoney(amount: number, currency: string): string {
  try {
    return formatter(`money:${currency}`, () => new Intl.NumberFormat(undefined, { style: 'currency', currency })).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const formatNumber = (n: number, digits = 1) => formatter(`number:${digits}`, () => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits })).format(n);

/** `YYYY-MM-DD` of a local day, for `<input type="date">`. */
export function toDateInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight of a `YYYY-MM-DD` day; NaN when blank, which the background refuses with a message. */
export function fromDateInput(value: string): number {
  const [y, m, d] = value.split('-').map(Number);
  return y && m && d ? new Date(y, m - 1, d).getTime() : Number.NaN;
}
