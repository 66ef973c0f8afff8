/**
 * The projection's name normalisation (projections/src/patients/normalise.ts), repeated here
 * because the read side must not import the projections package; a unit test proves the two
 * agree on the same inputs, so a query meets the stored search keys.
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

export function nameTokens(...names: readonly string[]): string[] {
  const tokens = names.flatMap((n) => normaliseName(n).split(' ')).filter((t) => t !== '');
  return [...new Set(tokens)].sort();
}
