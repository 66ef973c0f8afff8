import type { ViewSpec } from '../runtime/projection.js';

/**
 * The patients module's read models. Every document's `_id` is `<hospitalId>:<patientId>` (a
 * document can never be read across hospitals by id alone) and carries `position`, the
 * event-store position of the last event applied (the idempotency guard).
 */
export const PATIENT_SUMMARY = 'patient_summary';
export const PATIENT_SEARCH = 'patient_search';

export const patientViews: readonly ViewSpec[] = [
  {
    name: PATIENT_SUMMARY,
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
];

export const patientDocId = (hospitalId: string, patientId: string) => `${hospitalId}:${patientId}`;
