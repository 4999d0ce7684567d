// A write refused for a reason the caller should hear about. Thrown inside a Dexie transaction, it also rolls the
// transaction back, so a refused write leaves nothing behind. The messaging layer maps it to a typed wire error.
import type { z } from 'zod';
import { fieldErrors } from '@/lib/domain/profile-edit';

export type FieldError = { path: string; message: string };

export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly reason: 'not_found' | 'invalid',
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
  }

  static invalid(path: string, message: string): Refusal {
    return new Refusal('invalid', message, [{ path, message }]);
  }

  static fromZod(error: z.ZodError, prefix: string): Refusal {
    return new Refusal('invalid', 'Some fields are not valid', fieldErrors(error, prefix));
  }
}
