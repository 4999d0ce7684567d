// The optional copy of a logged email's body: plain text only, tidy, and capped so the timeline stays small.

export const MAX_STORED_BODY = 10_000;

/**
 * Control characters (except tab and newline) are dropped, spaces and blank lines collapsed, and the text cut at
 * MAX_STORED_BODY code points (never inside a surrogate pair) with an ellipsis.
 */
export function sanitiseBody(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const points = Array.from(text);
  return points.length > MAX_STORED_BODY ? `${points.slice(0, MAX_STORED_BODY).join('').trimEnd()}…` : text;
}
