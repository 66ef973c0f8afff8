import { RuleViolation } from '../shared/decider.js';
import type {
  ErasePatientPersonalData,
  MergePatients,
  RecordAllergy,
  RecordClinicalNote,
  RecordDeath,
  RecordDiagnosis,
  RegisterPatient,
  ResolvePossibleDuplicate,
  UpdateDemographics,
} from './commands.js';
import type { PatientsEvent, PatientsEventNamed } from './events.js';
import type { IdentityKeyKind, PatientKeyState } from './identity-keys.js';
import { formatMrn, type MrnRegistryState } from './mrn.js';
import type { PatientState } from './patient.js';
import { PATIENT_RULES, type PatientRule } from './rules.js';

/**
 * The patients decider: one pure function per command, each taking the states of the streams the
 * command loaded and returning the events to append per stream.
 */

function violate(rule: PatientRule): never {
  throw new RuleViolation(rule, PATIENT_RULES[rule]);
}

/** A patient that can take new entries: registered and not merged away. */
function requireLivingRecord(patient: PatientState): void {
  if (!patient.registered) violate('patient-not-found');
  if (patient.mergedInto !== null) violate('patient-voided');
}

/** A patient whose record may take new personal data. */
function requirePersonalRecord(patient: PatientState): void {
  requireLivingRecord(patient);
  if (patient.personalDataErased) violate('personal-data-erased');
}

export interface IdentityKeyStream {
  readonly kind: IdentityKeyKind;
  readonly state: PatientKeyState;
}

export type Decided = PatientsEvent;

export function registerPatient(
  command: RegisterPatient,
  patient: PatientState,
  registry: MrnRegistryState,
  keys: readonly IdentityKeyStream[],
  /** Candidates whose personal data is erased: never flagged, so never re-linked to the person. */
  erasedCandidates: ReadonlySet<string> = new Set(),
): { patient: PatientsEvent[]; mrn: PatientsEvent[]; keys: PatientsEvent[][] } {
  if (patient.registered) violate('patient-already-registered');
  const sequence = registry.lastSequence + 1;
  const mrn = formatMrn(sequence);
  const { patientId, at } = command;

  const matches = new Map<string, IdentityKeyKind[]>();
  for (const key of keys) {
    for (const candidate of key.state.patientIds) {
      if (candidate === patientId || erasedCandidates.has(candidate)) continue;
      matches.set(candidate, [...(matches.get(candidate) ?? []), key.kind]);
    }
  }
  const flags = [...matches].map(
    ([candidatePatientId, matchedOn]): PatientsEventNamed<'PossibleDuplicateFlagged'> => ({
      type: 'PossibleDuplicateFlagged',
      data: { patientId, candidatePatientId, matchedOn, flaggedAt: at },
    }),
  );

  return {
    patient: [
      {
        type: 'PatientRegistered',
        data: {
          patientId,
          mrn,
          givenName: command.givenName,
          familyName: command.familyName,
          birthDate: command.birthDate,
          sex: command.sex,
          nationalId: command.nationalId,
          address: command.address,
          phone: command.phone,
          registeredAt: at,
        },
      },
      ...flags,
    ],
    mrn: [{ type: 'MrnAssigned', data: { patientId, sequence, mrn } }],
    keys: keys.map((k) => [{ type: 'PatientIdentityKeyClaimed', data: { patientId, keyKind: k.kind } }]),
  };
}

/** The identity-key streams a demographics change moves the patient between (only the kinds whose key changed). */
export interface KeyRefiling {
  /** Keys computed from the demographics before the change: the patient leaves them. */
  readonly released: readonly IdentityKeyStream[];
  /** Keys computed from the demographics after it: the patient is filed there, and flagged against whoever is. */
  readonly claimed: readonly IdentityKeyStream[];
}

const release = (
  patientId: string,
  key: IdentityKeyStream,
  reason: 'personal_data_erased' | 'demographics_changed',
): PatientsEvent[] =>
  key.state.patientIds.includes(patientId)
    ? [{ type: 'PatientIdentityKeyReleased', data: { patientId, keyKind: key.kind, reason } }]
    : [];

/**
 * A change of name, birth date, sex or national id re-files the patient's duplicate-detection keys,
 * so a later registration under the new details is flagged and one under the old details is not;
 * patients already filed under a new key are flagged now, unless already flagged against this one.
 */
export function updateDemographics(
  command: UpdateDemographics,
  patient: PatientState,
  refiling: KeyRefiling = { released: [], claimed: [] },
): { patient: PatientsEvent[]; released: PatientsEvent[][]; claimed: PatientsEvent[][] } {
  requirePersonalRecord(patient);
  const { type: _type, at, ...fields } = command;
  const { patientId } = command;
  const matches = new Map<string, IdentityKeyKind[]>();
  for (const key of refiling.claimed) {
    for (const candidate of key.state.patientIds) {
      if (candidate === patientId || patient.duplicateFlags[candidate] !== undefined) continue;
      matches.set(candidate, [...(matches.get(candidate) ?? []), key.kind]);
    }
  }
  return {
    patient: [
      { type: 'PatientDemographicsUpdated', data: { ...fields, updatedAt: at } },
      ...[...matches].map(
        ([candidatePatientId, matchedOn]): PatientsEvent => ({
          type: 'PossibleDuplicateFlagged',
          data: { patientId, candidatePatientId, matchedOn, flaggedAt: at },
        }),
      ),
    ],
    released: refiling.released.map((key) => release(patientId, key, 'demographics_changed')),
    claimed: refiling.claimed.map((key): PatientsEvent[] =>
      key.state.patientIds.includes(patientId)
        ? []
        : [{ type: 'PatientIdentityKeyClaimed', data: { patientId, keyKind: key.kind } }],
    ),
  };
}

export function resolvePossibleDuplicate(command: ResolvePossibleDuplicate, patient: PatientState): PatientsEvent[] {
  requireLivingRecord(patient);
  const flag = patient.duplicateFlags[command.candidatePatientId];
  if (flag === undefined) violate('possible-duplicate-not-found');
  if (flag !== 'open') violate('possible-duplicate-already-resolved');
  const data = { patientId: command.patientId, candidatePatientId: command.candidatePatientId, resolvedAt: command.at };
  return [
    command.resolution === 'confirmed'
      ? { type: 'PossibleDuplicateConfirmed', data }
      : { type: 'PossibleDuplicateDismissed', data },
  ];
}

export function recordAllergy(command: RecordAllergy, patient: PatientState): PatientsEvent[] {
  requirePersonalRecord(patient);
  const { type: _type, at, ...fields } = command;
  return [{ type: 'AllergyRecorded', data: { ...fields, recordedAt: at } }];
}

export function recordDiagnosis(command: RecordDiagnosis, patient: PatientState): PatientsEvent[] {
  requirePersonalRecord(patient);
  const { type: _type, at, ...fields } = command;
  return [{ type: 'DiagnosisRecorded', data: { ...fields, recordedAt: at } }];
}

export function recordClinicalNote(command: RecordClinicalNote, patient: PatientState): PatientsEvent[] {
  requirePersonalRecord(patient);
  const { type: _type, at, ...fields } = command;
  return [{ type: 'ClinicalNoteRecorded', data: { ...fields, recordedAt: at } }];
}

/** The duplicate is voided and points to the survivor; both streams are written in one atomic append. */
export function mergePatients(
  command: MergePatients,
  survivor: PatientState,
  duplicate: PatientState,
): { survivor: PatientsEvent[]; duplicate: PatientsEvent[] } {
  if (command.survivorPatientId === command.duplicatePatientId) violate('merge-into-self');
  requireLivingRecord(survivor);
  requireLivingRecord(duplicate);
  // The stay belongs to the duplicate's id; merging now would strand it on a void record.
  if (duplicate.activeStayIds.length > 0) violate('patient-has-active-stay');
  return {
    duplicate: [
      {
        type: 'PatientMergedInto',
        data: {
          patientId: command.duplicatePatientId,
          survivorPatientId: command.survivorPatientId,
          mergedAt: command.at,
        },
      },
    ],
    survivor: [
      {
        type: 'DuplicatePatientMerged',
        data: {
          patientId: command.survivorPatientId,
          mergedPatientId: command.duplicatePatientId,
          mergedAt: command.at,
        },
      },
    ],
  };
}

export function recordDeath(command: RecordDeath, patient: PatientState): PatientsEvent[] {
  requireLivingRecord(patient);
  if (patient.deceased) violate('patient-already-deceased');
  if (Date.parse(command.diedAt) > Date.parse(command.at)) violate('death-in-future');
  // A birth date is a local calendar date: the day starts up to 14 h earlier in UTC (UTC+14).
  if (
    patient.birthDate !== null &&
    Date.parse(command.diedAt) < Date.parse(`${patient.birthDate}T00:00:00Z`) - 14 * 3_600_000
  ) {
    violate('death-before-birth');
  }
  return [
    {
      type: 'PatientDeathRecorded',
      data: {
        patientId: command.patientId,
        diedAt: command.diedAt,
        causeCode: command.causeCode,
        recordedAt: command.at,
      },
    },
  ];
}

/**
 * Allowed on a voided record too: a duplicate's personal data is still personal data. The patient
 * leaves every identity key they are filed under, so a later registration of the same person is
 * not flagged against (and so not re-linked to) the erased record.
 */
export function erasePatientPersonalData(
  command: ErasePatientPersonalData,
  patient: PatientState,
  keys: readonly IdentityKeyStream[] = [],
): { patient: PatientsEvent[]; released: PatientsEvent[][] } {
  if (!patient.registered) violate('patient-not-found');
  if (patient.personalDataErased) violate('personal-data-already-erased');
  return {
    patient: [
      {
        type: 'PatientPersonalDataErased',
        data: { patientId: command.patientId, legalBasis: command.legalBasis, erasedAt: command.at },
      },
    ],
    released: keys.map((key) => release(command.patientId, key, 'personal_data_erased')),
  };
}
