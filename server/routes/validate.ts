// zod validation whose failures are our JSON error (with the zod issues as details), never hono's text.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';

export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ApiError('invalid_request', `Invalid ${target}: ${issues[0]?.path || '(root)'}: ${issues[0]?.message}`, { issues: issues.slice(0, 20) });
    }
  });
