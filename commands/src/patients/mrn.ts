import type { Aggregate } from '../shared/command-spec.js';
import type { PatientsEventNamed } from './events.js';

/**
 * Medical record numbers: the hospital's sequence zero-padded to 7 digits, then one Luhn (mod 10)
 * check digit — the check catches every single-digit typo and most adjacent transpositions at the
 * front desk, and is what most hospital MRN schemes and barcode readers already know.
 * Sequence 1 → "00000018".
 */
export const MRN_SEQUENCE_DIGITS = 7;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // Doubling starts at the rightmost payload digit, since the check digit will sit to its right.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatMrn(sequence: number): string {
  const payload = String(sequence).padStart(MRN_SEQUENCE_DIGITS, '0');
  return `${payload}${luhnCheckDigit(payload)}`;
}

export function isValidMrn(mrn: string): boolean {
  if (!/^\d{2,}$/.test(mrn)) return false;
  return luhnCheckDigit(mrn.slice(0, -1)) === Number(mrn.slice(-1));
}

export interface MrnRegistryState {
  readonly lastSequence: number;
}

/**
 * The per-hospital MRN registry, `mrn-<hospitalId>.registry`. Each MrnAssigned carries the whole
 * state (the last sequence), so the command server may load the stream's tail only.
 */
export const mrnRegistryAggregate: Aggregate<MrnRegistryState, PatientsEventNamed<'MrnAssigned'>> = {
  name: 'mrn',
  initialState: { lastSequence: 0 },
  evolve: (state, event) => (event.type === 'MrnAssigned' ? { lastSequence: event.data.sequence } : state),
};

export const MRN_REGISTRY_ID = 'registry';
