// What the scorer reads. The caller maps its records into this, so profile fields the Contact schema
// does not hold yet (persona role, industry, size, country) can come from wherever they live.
import type { Activity } from '../activity';
import type { CompanySizeBand } from './conditions';

export interface ScoringContact {
  title: string;
  emails: readonly { address: string }[];
  tags: readonly string[];
  /** Epoch ms the contact entered the database (`daysInDatabaseAtLeast`). */
  createdAt: number;
  firstName?: string;
  lastName?: string;
  company?: string;
  companyDomain?: string;
  owner?: string;
  phones?: readonly unknown[];
  /** Buying-committee role, one of record.ts's PERSONA_ROLES ("power_sponsor", "economic_evaluator", "vetoer", …). */
  personaRole?: string;
  industry?: string;
  /** A band, or a head count that is mapped to its band. */
  companySize?: CompanySizeBand | number;
  /** ISO 3166-1 alpha-2. */
  country?: string;
}

/** The fields of an activity scoring needs: a full `Activity` fits. */
export type ScoringActivity = Pick<Activity, 'id' | 'type' | 'occurredAt'>;

export interface ScoringInput {
  contact: ScoringContact;
  /** This contact's activities, in any order. */
  activities: readonly ScoringActivity[];
}
