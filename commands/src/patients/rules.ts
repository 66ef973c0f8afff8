/**
 * Every rule a patients command can break: the stable code the API returns with its 409, and what
 * it means (for the API docs). Codes never change once published.
 */
export const PATIENT_RULES = {
  'patient-already-registered': 'A patient with this id is already registered.',
  'patient-not-found': 'No patient with this id is registered at this hospital.',
  'patient-voided': 'The patient record was merged into another and is void; act on the survivor.',
  'patient-already-deceased': 'The death of this patient is already recorded.',
  'death-in-future': 'The time of death is later than now.',
  'death-before-birth':
    "The time of death is before the patient's birth date; check diedAt (or correct the birth date first).",
  'personal-data-erased': "The patient's personal data was erased; the record takes no new personal data.",
  'personal-data-already-erased': "The patient's personal data is already erased.",
  'possible-duplicate-not-found': 'The patient carries no possible-duplicate flag against that patient.',
  'possible-duplicate-already-resolved': 'That possible-duplicate flag was already confirmed or dismissed.',
  'merge-into-self': 'A patient cannot be merged into itself.',
  'patient-has-active-stay': 'The duplicate patient has an active stay; discharge or cancel it before merging.',
} as const;

export type PatientRule = keyof typeof PATIENT_RULES;
