// The sidebar's kept date texts read exactly as Intl formats each date, in every locale, across days, minutes,
// daylight-saving changes and years.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateFormatter } from '@/components/sidebar/blocks/format';

const LOCALES = ['en-US', 'en-GB', 'es-ES', 'de-DE', 'fr-FR', 'ja-JP', 'ar-EG', 'ko-KR'];
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });

describe('sidebar date texts', () => {
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
        { numRuns: 60 },
      );
    });
  }

  it('says an invalid date as Intl would rather than inventing one', () => {
    const dates = dateFormatter('en-US');
    expect(() => dates.date(Number.NaN)).toThrow(RangeError);
  });
});
