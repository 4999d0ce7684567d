// Country codes said as names in the UI language (Intl.DisplayNames), for a rule's list of codes: what the admin
// typed is seen to mean what they meant, and a code that is not a country is pointed out before saving.
import { isCountryCode } from '@/lib/domain/record';

/** "Spain, Mexico, XX?"; empty when nothing is typed. */
export function countryNames(codes: readonly string[], language: string): string {
  let display: Intl.DisplayNames | null = null;
  try {
    display = new Intl.DisplayNames([language, 'en'], { type: 'region' });
  } catch {
    // An unknown UI language tag: the codes are shown as typed.
  }
  return codes
    .map((raw) => raw.trim().toUpperCase())
    .filter(Boolean)
    .map((code) => (isCountryCode(code) ? (display?.of(code) ?? code) : `${code}?`))
    .join(', ');
}
