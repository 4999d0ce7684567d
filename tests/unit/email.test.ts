import { describe, expect, it } from 'vitest';
import { emailsInText, isValidEmail, normaliseEmail } from '@/lib/domain/email';

describe('email helpers', () => {
  it('normalises case, whitespace and mailto:', () => {
    expect(normaliseEmail('  MAILTO:Ana.Perez@Acme.COM ')).toBe('ana.perez@acme.com');
  });
  it.each(['a@b.co', 'first.last+tag@sub.example.org'])('accepts %s', (e) => expect(isValidEmail(e)).toBe(true));
  it.each(['', 'no-at', 'a@b', 'a@@b.com', 'a b@c.com', '<a@b.com>', 'a..b@c.com', `${'x'.repeat(250)}@b.com`])(
    'rejects %s',
    (e) => expect(isValidEmail(e)).toBe(false),
  );
  it('finds addresses in a Gmail title', () => {
    expect(emailsInText('Inbox (3) - Alice@Example.com - Gmail')).toEqual(['alice@example.com']);
  });
});
