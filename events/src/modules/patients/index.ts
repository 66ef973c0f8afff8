import { AllergyRecorded } from './allergy-recorded.js';
import { ClinicalNoteRecorded } from './clinical-note-recorded.js';
import { DiagnosisRecorded } from './diagnosis-recorded.js';
import { DuplicatePatientMerged } from './duplicate-patient-merged.js';
import { MrnAssigned } from './mrn-assigned.js';
import { PatientDeathRecorded } from './patient-death-recorded.js';
import { PatientDemographicsUpdated } from './patient-demographics-updated.js';
import { PatientIdentityKeyClaimed } from './patient-identity-key-claimed.js';
import { PatientIdentityKeyReleased } from './patient-identity-key-released.js';
import { PatientMergedInto } from './patient-merged-into.js';
import { PatientPersonalDataErased } from './patient-personal-data-erased.js';
import { PatientRegistered } from './patient-registered.js';
import { PossibleDuplicateConfirmed } from './possible-duplicate-confirmed.js';
import { PossibleDuplicateDismissed } from './possible-duplicate-dismissed.js';
import { PossibleDuplicateFlagged } from './possible-duplicate-flagged.js';

export {
  AllergyRecorded,
  ClinicalNoteRecorded,
  DiagnosisRecorded,
  DuplicatePatientMerged,
  MrnAssigned,
  PatientDeathRecorded,
  PatientDemographicsUpdated,
  PatientIdentityKeyClaimed,
  PatientIdentityKeyReleased,
  PatientMergedInto,
  PatientPersonalDataErased,
  PatientRegistered,
  PossibleDuplicateConfirmed,
  PossibleDuplicateDismissed,
  PossibleDuplicateFlagged,
};

/** The patients module's event definitions. */
export const patientsEvents = [
  PatientRegistered,
  MrnAssigned,
  PatientIdentityKeyClaimed,
  PatientIdentityKeyReleased,
  PossibleDuplicateFlagged,
  PossibleDuplicateConfirmed,
  PossibleDuplicateDismissed,
  PatientDemographicsUpdated,
  AllergyRecorded,
  DiagnosisRecorded,
  ClinicalNoteRecorded,
  PatientMergedInto,
  DuplicatePatientMerged,
  PatientDeathRecorded,
  PatientPersonalDataErased,
] as const;
