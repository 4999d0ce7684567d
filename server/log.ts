// Structured JSON logs, one object per line. Callers pass ids, routes, statuses and timings only:
// never tokens, request bodies or field values (they can hold email subjects and personal data).
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Logger = (level: 'info' | 'warn' | 'error', msg: string, fields?: LogFields) => void;

export const jsonLogger =
  (write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger =>
  (level, msg, fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));

export const silentLogger: Logger = () => {};
