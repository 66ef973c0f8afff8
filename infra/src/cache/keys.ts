/** The key of a hospital's view generation; shared so both adapters count the same thing. */
export function generationKey(hospitalId: string, view: string): string {
  return `gen:${hospitalId}:${view}`;
}

/** Redis's EX takes whole seconds ≥ 1; both adapters refuse anything else alike. */
export function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new RangeError('ttlSeconds must be a whole number ≥ 1');
}
