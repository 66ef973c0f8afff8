import type { ModuleEventData } from '@chartline/events';
import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

type Allergy = ModuleEventData<'patients', 'AllergyRecorded'>;
type Diagnosis = ModuleEventData<'patients', 'DiagnosisRecorded'>;

/**
 * The patients module's read models, as its projection writes them and its read routes read them:
 * a summary per patient (personal fields decrypted, or `ERASED` once the key is shredded) and a
 * search document per patient holding only normalised search keys.
 */
export const PATIENTS_VIEWS = {
  summary: 'patient_summary',
  search: 'patient_search',
  duplicateFlags: 'duplicate_flags',
} as const;
export const PATIENT_SUMMARY = PATIENTS_VIEWS.summary;
export const PATIENT_SEARCH = PATIENTS_VIEWS.search;
/** One document per possible-duplicate flag (both patients' summaries show it too), for the front desk's work list. */
export const DUPLICATE_FLAGS = PATIENTS_VIEWS.duplicateFlags;

export const PATIENT_STATUSES = ['active', 'merged', 'deceased'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

/** How a flagged possible duplicate was resolved. */
export const DUPLICATE_RESOLUTIONS = ['open', 'confirmed', 'dismissed'] as const;
export type DuplicateResolution = (typeof DUPLICATE_RESOLUTIONS)[number];

export interface PatientAllergy {
  readonly allergyId: string;
  readonly substance: string;
  readonly category: Allergy['category'];
  readonly criticality: Allergy['criticality'];
  readonly reaction: string | null;
  readonly recordedAt: string;
}

export interface PatientDiagnosis {
  readonly diagnosisId: string;
  readonly code: string;
  readonly verification: Diagnosis['verification'];
  readonly note: string | null;
  readonly recordedAt: string;
}

export interface PossibleDuplicate {
  readonly matchedOn: ModuleEventData<'patients', 'PossibleDuplicateFlagged'>['matchedOn'];
  readonly flaggedAt: string;
  readonly resolution: DuplicateResolution;
  readonly resolvedAt: string | null;
}

type Sex = ModuleEventData<'patients', 'PatientRegistered'>['sex'];

/**
 * `revision`: the patient stream's as far as patients events go; the read API answers the newer of
 * it and the stays' `patientRevision` (admissions also append to the patient stream).
 */
export interface PatientSummaryDocument extends ReadModelDocument, RevisionedDocument {
  readonly patientId: string;
  readonly mrn: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly nationalId: string | null;
  readonly address: string | null;
  readonly phone: string | null;
  readonly status: PatientStatus;
  readonly erased: boolean;
  readonly mergedInto: string | null;
  readonly mergedFrom: readonly string[];
  readonly deceased: {
    readonly diedAt: string;
    readonly causeCode: string | null;
    readonly recordedAt: string;
  } | null;
  readonly allergies: readonly PatientAllergy[];
  readonly diagnoses: readonly PatientDiagnosis[];
  /** Keyed by the candidate patient's id. */
  readonly possibleDuplicates: Readonly<Record<string, PossibleDuplicate>>;
  readonly registeredAt: string;
  readonly updatedAt: string;
}

/** Search keys only; an erased patient keeps `searchable: false` and no name or birth date. */
export interface PatientSearchDocument extends ReadModelDocument {
  readonly patientId: string;
  readonly mrn: string;
  readonly sex: Sex;
  readonly status: PatientStatus;
  readonly mergedInto: string | null;
  readonly searchable: boolean;
  readonly erased: boolean;
  /** Lower-cased, accent-folded. */
  readonly givenName?: string;
  readonly familyName?: string;
  readonly nameTokens?: readonly string[];
  readonly birthDate?: string;
}

/**
 * A possible duplicate flagged at a registration (or a change of demographics): `patientId` is the
 * record flagged, `candidatePatientId` the one it may duplicate. `_id` is
 * `<hospitalId>:<patientId>:<candidatePatientId>`. Ids only: no personal data.
 */
export interface DuplicateFlagDocument extends ReadModelDocument {
  readonly patientId: string;
  readonly candidatePatientId: string;
  readonly matchedOn: PossibleDuplicate['matchedOn'];
  readonly flaggedAt: string;
  readonly resolution: DuplicateResolution;
  readonly resolvedAt: string | null;
}
