// Why a scoring model is invalid, as a message key and its arguments, so the editor can say it in the admin's
// language with the fields' names (the schema's own messages are English and name fields by id). The English
// message stays beside it for logs and for callers with no translations (the server, sync).
import type { z } from 'zod';

export const SCORING_ERROR_KEYS = [
  // One field: what the schema checks on a value alone.
  'number', 'wholeNumber', 'atLeast', 'above', 'atMost', 'required', 'tooLong', 'idFormat', 'choice', 'unknownField',
  'keywordLetter', 'countryCode', 'listEmpty', 'listTooLong', 'groupNeedsRule', 'groupTooManyRules', 'dimensionNeedsGroup', 'dimensionTooManyGroups', 'invalid',
  // Across fields: caps against caps, unique ids, thresholds in order and reachable.
  'groupCapAboveFit', 'groupCapAboveEngagement', 'duplicateGroupId', 'duplicateRuleId', 'weightsSum',
  'fitGradeOrder', 'engagementGradeOrder', 'fitAUnreachable', 'engagement1Unreachable', 'mqlUnreachable',
] as const;
export type ScoringErrorKey = (typeof SCORING_ERROR_KEYS)[number];

export interface ExplainedIssue {
  key: ScoringErrorKey;
  /** The values the message names, in the order of its $1, $2… */
  args: (string | number)[];
}

/** The params a check attaches to its custom issue (zod keeps them on the issue). */
export const explained = (key: ScoringErrorKey, ...args: (string | number)[]): { params: ExplainedIssue } => ({ params: { key, args } });

const isKey = (value: unknown): value is ScoringErrorKey => (SCORING_ERROR_KEYS as readonly unknown[]).includes(value);

/** The key and arguments of one zod issue raised while parsing a model. */
export function explainIssue(issue: z.core.$ZodIssue): ExplainedIssue {
  const last = issue.path[issue.path.length - 1];
  switch (issue.code) {
    case 'custom': {
      const params = issue.params as Partial<ExplainedIssue> | undefined;
      if (isKey(params?.key)) return { key: params.key, args: params.args ?? [] };
      // The record's country code check (record.ts) is shared with the profile editor, which has its own words.
      return { key: issue.path[issue.path.length - 2] === 'codes' ? 'countryCode' : 'invalid', args: [] };
    }
    case 'invalid_type':
      // A number field left empty or holding text arrives as NaN; `.int()` reports a fraction as expected "int".
      if (issue.expected === 'int') return { key: 'wholeNumber', args: [] };
      return { key: issue.expected === 'number' ? 'number' : 'invalid', args: [] };
    case 'too_small':
      if (issue.origin === 'array') {
        if (last === 'rules') return { key: 'groupNeedsRule', args: [] };
        if (last === 'groups') return { key: 'dimensionNeedsGroup', args: [] };
        return { key: 'listEmpty', args: [] };
      }
      if (issue.origin === 'string') return { key: 'required', args: [] };
      return { key: issue.inclusive === false ? 'above' : 'atLeast', args: [Number(issue.minimum)] };
    case 'too_big':
      if (issue.origin === 'array') {
        if (last === 'rules') return { key: 'groupTooManyRules', args: [Number(issue.maximum)] };
        if (last === 'groups') return { key: 'dimensionTooManyGroups', args: [Number(issue.maximum)] };
        return { key: 'listTooLong', args: [Number(issue.maximum)] };
      }
      if (issue.origin === 'string') return { key: 'tooLong', args: [Number(issue.maximum)] };
      return { key: 'atMost', args: [Number(issue.maximum)] };
    case 'invalid_format':
      return { key: last === 'id' ? 'idFormat' : 'invalid', args: [] };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'choice', args: [] };
    case 'unrecognized_keys':
      return { key: 'unknownField', args: [issue.keys.join(', ')] };
    default:
      return { key: 'invalid', args: [] };
  }
}
