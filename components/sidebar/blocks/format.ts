// Display formats for figures, in the browser's locale. Dates are local calendar days.
import { i18n } from '@/lib/i18n/cached-messages';

export const dash = () => i18n.t('contact.noValue');

// Building an Intl formatter costs about a millisecond, paid on every thread switch by toLocale*String: one each,
// keyed by its time style ('' = the day alone).
const formats: Record<string, Intl.DateTimeFormat> = {};
const medium = (at: number, time: '' | 'short') => (formats[time] ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: time || undefined })).format(at);

export const formatDate = (at: number | null | undefined): string => (at == null ? dash() : medium(at, ''));
export const formatDateTime = (at: number) => medium(at, 'short');

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export const formatNumber = (n: number, digits = 1) => n.toLocaleString(undefined, { maximumFractionDigits: digits });

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
