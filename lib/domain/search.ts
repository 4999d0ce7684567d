// Accent- and case-insensitive search keys, shared by the index writer and the query.

export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
}

/** Words a contact can be found by: each name word, company words, each address (a prefix of it is its local part). */
export function searchKeysFor(fields: { names: string[]; emails: string[] }): string[] {
  const keys = new Set<string>();
  for (const name of fields.names) {
    for (const word of foldText(name).split(/[\s,.()'"-]+/)) if (word) keys.add(word);
  }
  for (const email of fields.emails) {
    const folded = foldText(email);
    keys.add(folded);
    const local = folded.split('@')[0];
    if (local) keys.add(local);
  }
  return [...keys];
}

/** The query's words, folded; the first one drives the index scan, the rest filter. */
export function queryWords(query: string): string[] {
  return foldText(query).split(/[\s,]+/).filter(Boolean);
}
