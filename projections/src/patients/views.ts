import { DUPLICATE_FLAGS, PATIENT_SEARCH, PATIENT_SUMMARY, readModelDocId } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/**
 * The patients module's read models (their contract is in @chartline/kernel). Every document's `_id` is `<hospitalId>:<patientId>` (a
 * document can never be read across hospitals by id alone) and carries `position`, the
 * event-store position of the last event applied (the idempotency guard).
 */
export { DUPLICATE_FLAGS, PATIENT_SEARCH, PATIENT_SUMMARY };

export const patientViews: readonly ViewSpec<
  typeof PATIENT_SUMMARY | typeof PATIENT_SEARCH | typeof DUPLICATE_FLAGS
>[] = [
  {
    name: PATIENT_SUMMARY,
    // `revision`: the patient stream's, as far as patients events go (admissions also write to that
    // stream, StayOpened/StayClosed; the stays record those, and the read API shows the newer).
    aggregate: 'patient',
    indexes: [
      { keys: { hospitalId: 1, patientId: 1 }, name: 'hospital_patient', unique: true },
      { keys: { hospitalId: 1, mrn: 1 }, name: 'hospital_mrn' },
    ],
  },
  {
    name: PATIENT_SEARCH,
    indexes: [
      { keys: { hospitalId: 1, searchable: 1, mrn: 1 }, name: 'search_mrn' },
      { keys: { hospitalId: 1, searchable: 1, familyName: 1, givenName: 1 }, name: 'search_name' },
      { keys: { hospitalId: 1, searchable: 1, nameTokens: 1 }, name: 'search_name_tokens' },
      { keys: { hospitalId: 1, searchable: 1, birthDate: 1 }, name: 'search_birth_date' },
    ],
  },
  {
    name: DUPLICATE_FLAGS,
    // Written by the flagged patient's events, but the id is the pair: no single stream's revision.
    indexes: [{ keys: { hospitalId: 1, resolution: 1, flaggedAt: 1 }, name: 'open_flags' }],
  },
];

export const patientDocId = readModelDocId;
