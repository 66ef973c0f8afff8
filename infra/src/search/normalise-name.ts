/**
 * Search keys for names: lower case, accents folded (`Zoë` → `zoe`), punctuation to spaces,
 * whitespace collapsed, so "O'Brien" and "obrien" meet in `nameTokens` and a prefix query on
 * `familyName` behaves the same whatever the clerk typed. It lives here, below both sides, because
 * the projection stores keys with it and the read API normalises queries with it: one function,
 * so a query always meets the stored keys.
 */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Distinct tokens of the given and family names, for "any part of the name" searches. */
export function nameTokens(...names: readonly string[]): string[] {
  const tokens = names.flatMap((n) => normaliseName(n).split(' ')).filter((t) => t !== '');
  return [...new Set(tokens)].sort();
}
