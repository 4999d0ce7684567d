// The default model: HubSpot's scoring criteria (email interactions, CTA clicks, meetings, deals; title,
// role, company size, email domain) narrowed to what an inbox can see. Ids are stable: the UI translates
// labels by id and stored overrides refer to them, so rename labels freely but never ids.
import { ScoringModelSchema, type ScoringModel, type ScoringModelInput } from './scoring-model';

const DEFAULT_MODEL_DATA = {
  id: 'default',
  label: 'Default lead score',
  fit: {
    cap: 100,
    groups: [
      {
        // Several title rules can match one title ("Founder & Director"): the cap keeps seniority from stacking.
        id: 'fit.seniority',
        label: 'Seniority from the job title',
        cap: 30,
        rules: [
          {
            id: 'fit.title.executive',
            label: 'C-level, founder or owner',
            points: 30,
            condition: {
              type: 'titleMatches',
              keywords: [
                'chief', 'ceo', 'cto', 'cfo', 'coo', 'cmo', 'cio', 'cro', 'founder', 'cofounder', 'owner',
                'fundador', 'fundadora', 'cofundador', 'cofundadora', 'propietario', 'propietaria', 'socio fundador',
                'consejero delegado', 'consejera delegada', 'director general', 'directora general',
              ],
            },
          },
          {
            // "president" lives here, not with the executives, because "vice president" contains it.
            id: 'fit.title.vp-director',
            label: 'VP, president, director or head',
            points: 22,
            condition: {
              type: 'titleMatches',
              keywords: ['vp', 'svp', 'evp', 'vice president', 'president', 'vicepresidente', 'vicepresidenta', 'director', 'directora', 'head', 'jefe', 'jefa'],
            },
          },
          {
            id: 'fit.title.manager',
            label: 'Manager or team lead',
            points: 12,
            condition: { type: 'titleMatches', keywords: ['manager', 'team lead', 'gerente', 'responsable', 'encargado', 'encargada'] },
          },
        ],
      },
      {
        // Vetoers and "other" get no points: they can block a deal but are not who we sell to.
        id: 'fit.persona',
        label: 'Buying role',
        cap: 25,
        rules: [
          { id: 'fit.persona.decision-maker', label: 'Power sponsor or economic evaluator', points: 25, condition: { type: 'personaRoleIs', roles: ['power_sponsor', 'economic_evaluator'] } },
          { id: 'fit.persona.champion', label: 'Champion', points: 15, condition: { type: 'personaRoleIs', roles: ['champion'] } },
          { id: 'fit.persona.evaluator', label: 'Technical evaluator or user', points: 8, condition: { type: 'personaRoleIs', roles: ['technical_evaluator', 'user'] } },
        ],
      },
      {
        // The free-mail penalty sits with the company rules: a consumer address tells nothing about a company,
        // so it cancels company points rather than the person's seniority.
        id: 'fit.company',
        label: 'Company',
        cap: 30,
        rules: [
          { id: 'fit.company.mid-market', label: '51–1,000 employees', points: 25, condition: { type: 'companySizeIn', bands: ['51-200', '201-1000'] } },
          { id: 'fit.company.enterprise', label: 'Over 1,000 employees', points: 18, condition: { type: 'companySizeIn', bands: ['1001-5000', '5000+'] } },
          { id: 'fit.company.small', label: '11–50 employees', points: 12, condition: { type: 'companySizeIn', bands: ['11-50'] } },
          { id: 'fit.company.micro', label: '1–10 employees', points: 4, condition: { type: 'companySizeIn', bands: ['1-10'] } },
          { id: 'fit.company.domain', label: 'Company email domain known', points: 5, condition: { type: 'fieldPresent', field: 'companyDomain' } },
          { id: 'fit.company.free-mail', label: 'Only free-mail addresses', points: -15, condition: { type: 'freeMail' } },
        ],
      },
      {
        id: 'fit.profile',
        label: 'Relationship on record',
        cap: 15,
        rules: [
          { id: 'fit.profile.phone', label: 'Phone number known', points: 5, condition: { type: 'fieldPresent', field: 'phones' } },
          { id: 'fit.profile.known-30d', label: 'In the database for 30+ days', points: 5, condition: { type: 'daysInDatabaseAtLeast', days: 30 } },
          { id: 'fit.profile.known-180d', label: 'In the database for 180+ days', points: 5, condition: { type: 'daysInDatabaseAtLeast', days: 180 } },
        ],
      },
    ],
  },
  // Silence needs no "no activity" rule: windows close and half-lives decay, so a quiet contact drifts to 0.
  engagement: {
    cap: 100,
    groups: [
      {
        id: 'eng.replies',
        label: 'Replies sent',
        cap: 35,
        rules: [
          { id: 'eng.replies.30d', label: 'Replies sent in the last 30 days', points: 10, condition: { type: 'activityCount', types: ['email.sent'], withinDays: 30, perEvent: true } },
          { id: 'eng.replies.90d', label: 'A reply sent in the last 90 days', points: 5, condition: { type: 'activityCount', types: ['email.sent'], withinDays: 90 } },
        ],
      },
      {
        id: 'eng.inbound',
        label: 'Emails received',
        cap: 25,
        rules: [{ id: 'eng.inbound.30d', label: 'Emails received in the last 30 days', points: 5, condition: { type: 'activityCount', types: ['email.received'], withinDays: 30, perEvent: true } }],
      },
      {
        id: 'eng.cta',
        label: 'Calls to action',
        cap: 15,
        rules: [{ id: 'eng.cta.inserted', label: 'CTA inserted (half-life 14 days)', points: 8, condition: { type: 'activityCount', types: ['cta.inserted'], halfLifeDays: 14, perEvent: true } }],
      },
      {
        id: 'eng.meetings',
        label: 'Meetings and notes',
        cap: 30,
        rules: [
          { id: 'eng.meetings.logged', label: 'Meetings (half-life 30 days)', points: 15, condition: { type: 'activityCount', types: ['meeting.logged'], halfLifeDays: 30, perEvent: true } },
          { id: 'eng.notes.30d', label: 'Notes in the last 30 days', points: 3, condition: { type: 'activityCount', types: ['note.added'], withinDays: 30, perEvent: true } },
        ],
      },
      {
        // A lost deal cancels the "deal opened" points for a while instead of leaving the contact looking hot.
        id: 'eng.deals',
        label: 'Deals',
        cap: 20,
        rules: [
          { id: 'eng.deals.opened', label: 'Deal opened in the last 90 days', points: 20, condition: { type: 'activityCount', types: ['deal.opened'], withinDays: 90 } },
          { id: 'eng.deals.lost', label: 'Deal lost in the last 60 days', points: -20, condition: { type: 'activityCount', types: ['deal.lost'], withinDays: 60 } },
        ],
      },
    ],
  },
  weights: { fit: 50, engagement: 50 },
  grades: { fitA: 60, fitB: 30, engagement1: 50, engagement2: 20 },
  mqlThreshold: 60,
} satisfies ScoringModelInput;

/** Parsed at load: a broken default fails loudly in tests rather than scoring quietly wrong. */
export const DEFAULT_SCORING_MODEL: ScoringModel = ScoringModelSchema.parse(DEFAULT_MODEL_DATA);
