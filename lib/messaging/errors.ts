// Errors that cross the message boundary. No zod here: the content script bundles this file.

export type ErrorCode = 'invalid_message' | 'forbidden_sender' | 'not_found' | 'needs_confirmation' | 'rejected' | 'blocked' | 'internal' | 'unreachable';

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: WireError };

export class FichaError extends Error {
  override readonly name = 'FichaError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toWire(): WireError {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}
