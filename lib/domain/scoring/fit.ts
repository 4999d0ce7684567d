// Fit conditions compiled once into plain predicates: keyword lists become padded strings and sets,
// so scoring a contact does string look-ups only (no regex built per call).
import { emailDomain } from '../email';
import { isFreemailDomain } from '../freemail';
import { foldText } from '../search';
import { companySizeBand, type FitCondition, type ScorableField } from './conditions';
import type { ScoringContact } from './input';

export const DAY_MS = 86_400_000;

/** Per-call facts shared by all fit rules; the folded title is computed at most once per contact. */
export interface FitFacts {
  contact: ScoringContact;
  now: number;
  paddedTitle: string | undefined;
}

export type FitPredicate = (facts: FitFacts) => boolean;

/**
 * Accent-, case- and punctuation-insensitive form: "Co-Founder & CEO" → "co founder ceo". Padding with
 * spaces turns a whole-word match into a substring test: " ceo " is in " co founder ceo ".
 */
export function canonicalWords(value: string): string {
  return foldText(value).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
const padded = (value: string) => ` ${canonicalWords(value)} `;
const canonicalSet = (values: readonly string[]) => new Set(values.map(canonicalWords));

function paddedTitle(facts: FitFacts): string {
  facts.paddedTitle ??= padded(facts.contact.title);
  return facts.paddedTitle;
}

function isPresent(contact: ScoringContact, field: ScorableField): boolean {
  const value: unknown = contact[field];
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return Number.isFinite(value);
  return Array.isArray(value) && value.length > 0;
}

// A contact with any company address is reachable at work, so only all-free-mail contacts are penalised.
function allFreeMail(contact: ScoringContact): boolean {
  if (contact.emails.length === 0) return false;
  for (const { address } of contact.emails) if (!isFreemailDomain(emailDomain(address))) return false;
  return true;
}

export function compileFitCondition(condition: FitCondition): FitPredicate {
  switch (condition.type) {
    case 'titleMatches': {
      const keywords = condition.keywords.map(padded);
      return (facts) => {
        const title = paddedTitle(facts);
        return keywords.some((keyword) => title.includes(keyword));
      };
    }
    case 'personaRoleIs': {
      const roles = canonicalSet(condition.roles);
      return ({ contact }) => contact.personaRole !== undefined && roles.has(canonicalWords(contact.personaRole));
    }
    case 'industryIs': {
      const industries = canonicalSet(condition.values);
      return ({ contact }) => contact.industry !== undefined && industries.has(canonicalWords(contact.industry));
    }
    case 'companySizeIn': {
      const bands = new Set<string>(condition.bands);
      return ({ contact: { companySize } }) => {
        const band = typeof companySize === 'number' ? companySizeBand(companySize) : companySize;
        return band !== undefined && bands.has(band);
      };
    }
    case 'freeMail':
      return ({ contact }) => allFreeMail(contact);
    case 'countryIn': {
      const codes = new Set(condition.codes);
      return ({ contact }) => contact.country !== undefined && codes.has(contact.country.trim().toUpperCase());
    }
    case 'hasTag': {
      const tags = canonicalSet(condition.tags);
      return ({ contact }) => contact.tags.some((tag) => tags.has(canonicalWords(tag)));
    }
    case 'daysInDatabaseAtLeast': {
      const ms = condition.days * DAY_MS;
      return ({ contact, now }) => now - contact.createdAt >= ms;
    }
    case 'fieldPresent': {
      const { field } = condition;
      return ({ contact }) => isPresent(contact, field);
    }
  }
}
