import { mod37_36 } from 'cdigit';
import type { Aggregate } from '../shared/command-spec.js';
import type { LaboratoryEventNamed } from './events.js';

/**
 * Accession numbers label specimens: `L`, the hospital's sequence zero-padded to 8 digits, then one
 * ISO/IEC 7064 MOD 37-36 check character (0-9, A-Z; cdigit's implementation). The hybrid system
 * catches every single-character substitution and nearly every adjacent transposition (tested),
 * and its check character is alphanumeric, so the number fits Code 39 and Code 128 barcodes (MOD 37-2's `*`
 * would clash with Code 39's start/stop character). Sequence 1 → "L00000001D".
 */
export const ACCESSION_PREFIX = 'L';
export const ACCESSION_DIGITS = 8;
const SHAPE = /^L\d{8}[0-9A-Z]$/;

export function formatAccessionNumber(sequence: number): string {
  return mod37_36.generate(`${ACCESSION_PREFIX}${String(sequence).padStart(ACCESSION_DIGITS, '0')}`);
}

export function isValidAccessionNumber(value: string): boolean {
  return SHAPE.test(value) && mod37_36.validate(value);
}

export interface AccessionRegistryState {
  readonly lastSequence: number;
}

/**
 * The hospital's accession registry, `accession-<hospitalId>.registry`: each assignment carries
 * the last sequence, so the command server loads its tail only. Two collections racing for the
 * same next number both append at the revision they loaded; one loses and is decided again.
 */
export const accessionRegistryAggregate: Aggregate<
  AccessionRegistryState,
  LaboratoryEventNamed<'LabAccessionNumberAssigned'>
> = {
  name: 'accession',
  initialState: { lastSequence: 0 },
  evolve: (state, event) =>
    event.type === 'LabAccessionNumberAssigned' ? { lastSequence: event.data.sequence } : state,
};

export const ACCESSION_REGISTRY_ID = 'registry';
