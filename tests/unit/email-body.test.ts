import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STORED_BODY, sanitiseBody } from '@/lib/domain/email-body';

describe('sanitiseBody', () => {
  it('keeps the text, drops control and bidi characters, collapses blank runs', () => {
    expect(sanitiseBody('Hi\u0000 Ana,\r\n\r\n\r\n\r\n  Thanks\u202E for  the\tcall.\u200B  \n')).toBe('Hi Ana,\n\nThanks for the call.');
  });
  it('caps at the limit without splitting an emoji, and says it was cut', () => {
    const body = sanitiseBody('😀'.repeat(MAX_STORED_BODY + 5));
    expect(Array.from(body)).toHaveLength(MAX_STORED_BODY + 1);
    expect(body.endsWith('😀…')).toBe(true);
  });
  it('never grows the text and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const once = sanitiseBody(raw);
        expect(once.length).toBeLessThanOrEqual(raw.length);
        expect(sanitiseBody(once)).toBe(once);
      }),
    );
  });
});
