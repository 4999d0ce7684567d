// Pull cursors are opaque to clients: base64url of the last row's (version, entity, id). Rows are read in
// that order, so "after the cursor" is a plain tuple comparison and rows sharing a version are never split.
import { ApiError } from '../errors.ts';

export interface CursorPosition {
  version: number;
  entity: string;
  id: string;
}

export const START: CursorPosition = { version: 0, entity: '', id: '' };

export function encodeCursor(p: CursorPosition): string {
  return Buffer.from(JSON.stringify([p.version, p.entity, p.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition {
  if (cursor === undefined || cursor === '') return START;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [version, entity, id] = value as unknown[];
      if (Number.isSafeInteger(version) && (version as number) >= 0 && typeof entity === 'string' && typeof id === 'string') {
        return { version: version as number, entity, id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('invalid_request', 'Invalid cursor: pass back the cursor of the previous pull, or none for a full pull');
}
