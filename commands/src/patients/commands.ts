import type { IdentityKey } from './identity-keys.js';

/** The commands of the patients module, as deciders see them: ids and times already chosen at the edge. */

export type AdministrativeSex = 'female' | 'male' | 'other' | 'unknown';

export interface RegisterPatient {
  readonly type: 'RegisterPatient';
  readonly patientId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: AdministrativeSex;
  readonly nationalId: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  /** Blind indexes of the identity, computed at the edge. */
  readonly identityKeys: readonly IdentityKey[];
  readonly at: string;
}

export interface UpdateDemographics {
  readonly type: 'UpdateDemographics';
  readonly patientId: string;
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly birthDate: string | null;
  readonly sex: AdministrativeSex | null;
  readonly nationalId: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly at: string;
}

export interface ResolvePossibleDuplicate {
  readonly type: 'ResolvePossibleDuplicate';
  readonly patientId: string;
  readonly candidatePatientId: string;
  readonly resolution: 'confirmed' | 'dismissed';
  readonly at: string;
}

export interface RecordAllergy {
  readonly type: 'RecordAllergy';
  readonly patientId: string;
  readonly allergyId: string;
  readonly substance: string;
  readonly substanceCode: string | null;
  readonly category: 'food' | 'medication' | 'environment' | 'biologic';
  readonly criticality: 'low' | 'high' | 'unable_to_assess';
  readonly reaction: string | null;
  readonly at: string;
}

export interface RecordDiagnosis {
  readonly type: 'RecordDiagnosis';
  readonly patientId: string;
  readonly diagnosisId: string;
  readonly code: string;
  readonly verification: 'provisional' | 'differential' | 'confirmed';
  readonly note: string | null;
  readonly at: string;
}

export interface RecordClinicalNote {
  readonly type: 'RecordClinicalNote';
  readonly patientId: string;
  readonly noteId: string;
  readonly category: 'progress' | 'admission' | 'consult' | 'nursing' | 'discharge';
  readonly text: string;
  readonly at: string;
}

export interface MergePatients {
  readonly type: 'MergePatients';
  readonly survivorPatientId: string;
  readonly duplicatePatientId: string;
  readonly at: string;
}

export interface RecordDeath {
  readonly type: 'RecordDeath';
  readonly patientId: string;
  readonly diedAt: string;
  readonly causeCode: string | null;
  readonly at: string;
}

export interface ErasePatientPersonalData {
  readonly type: 'ErasePatientPersonalData';
  readonly patientId: string;
  readonly legalBasis: 'patient_request' | 'retention_expired' | 'court_order';
  readonly at: string;
}

export type PatientsCommand =
  | RegisterPatient
  | UpdateDemographics
  | ResolvePossibleDuplicate
  | RecordAllergy
  | RecordDiagnosis
  | RecordClinicalNote
  | MergePatients
  | RecordDeath
  | ErasePatientPersonalData;
