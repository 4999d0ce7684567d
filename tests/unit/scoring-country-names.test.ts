import { describe, expect, it } from 'vitest';
import { countryNames } from '@/components/pages/scoring/country-names';

describe('country codes of a scoring rule, named', () => {
  it('names each code in the UI language, whatever its case, and marks what is not a country', () => {
    expect(countryNames(['es', ' MX ', 'XX'], 'es')).toBe('España, México, XX?');
    expect(countryNames(['ES', 'US'], 'en-US')).toBe('Spain, United States');
  });

  it('says nothing for an empty list, and keeps codes for a language tag it cannot use', () => {
    expect(countryNames(['', '  '], 'en')).toBe('');
    expect(countryNames(['ES'], 'not a tag!')).toBe('ES');
  });
});
