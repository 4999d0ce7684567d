// Every failure leaves the server as `{ error: { code, message, details } }` with the status its code implies.
import type { ErrorCode } from '../lib/sync/wire.ts';

export const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 426 | 429 | 500 | 503> = {
  invalid_request: 400,
  schema_version_missing: 400,
  clock_in_future: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  mutation_gap: 409,
  server_update_needed: 409,
  payload_too_large: 413,
  client_update_needed: 426,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status() {
    return STATUS[this.code];
  }
  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}
