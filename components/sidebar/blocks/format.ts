// Display formats for figures, in the browser's locale. Dates are local calendar days.
import { i18n } from '@/lib/i18n/cached-messages';

export const dash = () => i18n.t('contact.noValue');

/**
 * Dates in `locale` (the browser's when undefined). Building an Intl formatter costs about a millisecond, and
 * formatting one date ~50 µs in a content script, while a card shows a dozen (timeline, last contacted) on every
 * thread switch: the formatters are built once, and the text of each local day and each minute of the day is kept,
 * which most of a rep's recent activity shares. A date with its time joins the two as the locale does.
 */
export function dateFormatter(locale?: string) {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const both = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dayTexts = new Map<number, string>();
  const minuteTexts = new Map<number, string>();
  const localMs = (at: number) => at - new Date(at).getTimezoneOffset() * 60_000;
  const kept = (texts: Map<number, string>, key: number, make: () => string) => {
    let text = texts.get(key);
    if (text === undefined) {
      if (texts.size >= 2000) texts.clear();
      texts.set(key, (text = make()));
    }
    return text;
  };
  const dayText = (at: number) => kept(dayTexts, Math.floor(localMs(at) / 86_400_000), () => day.format(at));
  const timeText = (at: number) => kept(minuteTexts, Math.floor(localMs(at) / 60_000) % 1440, () => time.format(at));
  // What the locale puts between the date and the time, read from one instant; null if its output is not
  // date + joiner + time, and each date is then formatted whole.
  const sample = Date.UTC(2026, 0, 15, 15, 45);
  const [sampleDay, sampleTime, sampleBoth] = [day.format(sample), time.format(sample), both.format(sample)];
  const joiner =
    sampleBoth.startsWith(sampleDay) && sampleBoth.endsWith(sampleTime) && sampleBoth.length > sampleDay.length + sampleTime.length
      ? sampleBoth.slice(sampleDay.length, sampleBoth.length - sampleTime.length)
      : null;
  return {
    date: (at: number) => (Number.isFinite(at) ? dayText(at) : day.format(at)),
    dateTime: (at: number) => (Number.isFinite(at) && joiner !== null ? dayText(at) + joiner + timeText(at) : both.format(at)),
  };
}

let browserDates: ReturnType<typeof dateFormatter> | null = null;
const dates = () => (browserDates ??= dateFormatter());

export const formatDate = (at: number | null | undefined): string => (at == null ? dash() : dates().date(at));
export const formatDateTime = (at: number) => dates().dateTime(at);

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
