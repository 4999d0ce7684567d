// The sidebar's kept date texts read exactly as Intl formats each date, in every locale and time zone, across days,
// minutes, daylight-saving changes (Santiago, Lord Howe's half hour), half-hour offsets and years before 1970.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dateFormatter } from '@/components/sidebar/blocks/format';

const LOCALES = ['en-US', 'en-GB', 'es-ES', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG', 'ko-KR'];
const ZONES = ['America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Europe/Madrid', 'UTC'];
const instant = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2060, 0, 1) });

describe.each(ZONES)('sidebar date texts in %s', (zone) => {
  // Node applies a TZ change at once, to Date and to formatters built afterwards.
  const before = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = before;
  });

  it('runs in that zone', () => {
    // Compared as Intl names it (Asia/Kolkata is Asia/Calcutta to some ICU versions).
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);
  });

  for (const locale of LOCALES) {
    it(`match Intl in ${locale}, however often a day or minute repeats`, () => {
      const dates = dateFormatter(locale);
      const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
      const both = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
      fc.assert(
        fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (ats) => {
          // Repeats of the same day and minute on other days exercise the kept texts.
          const all = ats.flatMap((at) => [at, at + 3_600_000, at + 86_400_000, at + 59_000]);
          for (const at of all) {
            expect(dates.date(at)).toBe(day.format(at));
            expect(dates.dateTime(at)).toBe(both.format(at));
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('sidebar date texts, bad input', () => {
  it('say an invalid date as Intl would rather than inventing one', () => {
    const dates = dateFormatter('en-US');
    expect(() => dates.date(Number.NaN)).toThrow(RangeError);
  });
});
