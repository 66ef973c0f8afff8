import { describeProjectionSpecs, projectionSpec, SPEC_TIME } from '../testing/projection-spec.js';
import { patientsProjection } from './projection.js';
import { DUPLICATE_FLAGS, PATIENT_SEARCH, PATIENT_SUMMARY } from './views.js';

const { event, erasedKey, given } = projectionSpec(patientsProjection);

const ada = '0193a6f0-0000-7000-8000-0000000000a1';
const dup = '0193a6f0-0000-7000-8000-0000000000a2';
const later = '2025-03-02T10:00:00.000Z';

const registered = event('PatientRegistered', {
  patientId: ada,
  mrn: '00000018',
  givenName: 'Zoë Ada',
  familyName: "O'Brien",
  birthDate: '1984-02-29',
  sex: 'female',
  nationalId: null,
  address: '1 Harbour Road',
  phone: null,
  registeredAt: SPEC_TIME,
});

/**
 * Ada's summary as her registration leaves it; a later event at `position` changes `changes`. Every
 * event of these specs is on her stream, so its revision (If-Match) is `position - 1`.
 */
const summary = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${ada}`,
  hospitalId: 'h1',
  patientId: ada,
  updatedAt: SPEC_TIME,
  mrn: '00000018',
  givenName: 'Zoë Ada',
  familyName: "O'Brien",
  birthDate: '1984-02-29',
  sex: 'female',
  nationalId: null,
  address: '1 Harbour Road',
  phone: null,
  status: 'active',
  erased: false,
  mergedInto: null,
  mergedFrom: [],
  deceased: null,
  allergies: [],
  diagnoses: [],
  possibleDuplicates: {},
  registeredAt: SPEC_TIME,
  position,
  revision: position - 1,
  ...changes,
});

/** Ada's search entry as her registration leaves it: normalised names, MRN, birth date. */
const search = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${ada}`,
  hospitalId: 'h1',
  patientId: ada,
  mrn: '00000018',
  sex: 'female',
  status: 'active',
  mergedInto: null,
  searchable: true,
  erased: false,
  givenName: 'zoe ada',
  familyName: 'obrien',
  nameTokens: ['ada', 'obrien', 'zoe'],
  birthDate: '1984-02-29',
  position,
  ...changes,
});

/** Zoe, registered after Ada under the same name, birth date and sex: the duplicate candidate pair. */
const dupRegistered = event('PatientRegistered', {
  patientId: dup,
  mrn: '00000026',
  givenName: 'Zoe',
  familyName: 'OBrien',
  birthDate: '1984-02-29',
  sex: 'female',
  nationalId: null,
  address: null,
  phone: null,
  registeredAt: SPEC_TIME,
});
const dupSummary = (position: number, revision: number, changes: Record<string, unknown> = {}) =>
  summary(position, {
    _id: `h1:${dup}`,
    patientId: dup,
    mrn: '00000026',
    givenName: 'Zoe',
    familyName: 'OBrien',
    address: null,
    revision,
    ...changes,
  });
const dupSearch = {
  ...search(2),
  _id: `h1:${dup}`,
  patientId: dup,
  mrn: '00000026',
  givenName: 'zoe',
  nameTokens: ['obrien', 'zoe'],
};

const allergy = event(
  'AllergyRecorded',
  {
    patientId: ada,
    allergyId: '0193a6f0-0000-7000-8000-0000000000e1',
    substance: 'penicillin',
    category: 'medication',
    criticality: 'high',
    reaction: 'hives',
    recordedAt: later,
  },
  { at: later },
);
const allergyEntry = {
  allergyId: '0193a6f0-0000-7000-8000-0000000000e1',
  substance: 'penicillin',
  category: 'medication',
  criticality: 'high',
  reaction: 'hives',
  recordedAt: later,
};
/** The later registration (Zoe) is flagged as a possible duplicate of Ada. */
const flagged = event(
  'PossibleDuplicateFlagged',
  { patientId: dup, candidatePatientId: ada, matchedOn: ['name_birth_date_sex'], flaggedAt: later },
  { at: later },
);
/** Ada (1), Zoe (2), the flag on Zoe's stream (3): both summaries show it, and the list holds it. */
const flaggedDocs = (position: number, resolution = 'open', resolvedAt: string | null = null) => {
  const flag = { ...openFlag, resolution, resolvedAt };
  return {
    [PATIENT_SUMMARY]: [
      // Ada's stream holds only her registration: the flag is Zoe's event, so her revision stays 0.
      summary(position, { updatedAt: later, possibleDuplicates: { [dup]: flag }, revision: 0 }),
      dupSummary(position, position - 2, { updatedAt: later, possibleDuplicates: { [ada]: flag } }),
    ],
    [PATIENT_SEARCH]: [search(1), dupSearch],
    [DUPLICATE_FLAGS]: [
      { _id: `h1:${dup}:${ada}`, hospitalId: 'h1', patientId: dup, candidatePatientId: ada, ...flag, position },
    ],
  };
};
const openFlag = { matchedOn: ['name_birth_date_sex'], flaggedAt: later, resolution: 'open', resolvedAt: null };

describeProjectionSpecs(patientsProjection, {
  PatientRegistered: () => given(registered).expect({ [PATIENT_SUMMARY]: [summary(1)], [PATIENT_SEARCH]: [search(1)] }),

  PatientDemographicsUpdated: () =>
    given(
      registered,
      event(
        'PatientDemographicsUpdated',
        {
          patientId: ada,
          givenName: null,
          familyName: 'Lovelace-King',
          birthDate: null,
          sex: 'other',
          nationalId: null,
          address: null,
          phone: '555-0100',
          updatedAt: later,
        },
        { at: later },
      ),
    ).expect({
      [PATIENT_SUMMARY]: [
        summary(2, { updatedAt: later, familyName: 'Lovelace-King', phone: '555-0100', sex: 'other' }),
      ],
      [PATIENT_SEARCH]: [
        search(2, { familyName: 'lovelace king', nameTokens: ['ada', 'king', 'lovelace', 'zoe'], sex: 'other' }),
      ],
    }),

  AllergyRecorded: () =>
    given(registered, allergy).expect({
      [PATIENT_SUMMARY]: [summary(2, { updatedAt: later, allergies: [allergyEntry] })],
      [PATIENT_SEARCH]: [search(1)],
    }),

  DiagnosisRecorded: () =>
    given(
      registered,
      event(
        'DiagnosisRecorded',
        {
          patientId: ada,
          diagnosisId: '0193a6f0-0000-7000-8000-0000000000f1',
          code: 'I21.9',
          verification: 'provisional',
          note: 'troponin pending',
          recordedAt: later,
        },
        { at: later },
      ),
    ).expect({
      [PATIENT_SUMMARY]: [
        summary(2, {
          updatedAt: later,
          diagnoses: [
            {
              diagnosisId: '0193a6f0-0000-7000-8000-0000000000f1',
              code: 'I21.9',
              verification: 'provisional',
              note: 'troponin pending',
              recordedAt: later,
            },
          ],
        }),
      ],
      [PATIENT_SEARCH]: [search(1)],
    }),

  PossibleDuplicateFlagged: () => given(registered, dupRegistered, flagged).expect(flaggedDocs(3)),

  PossibleDuplicateConfirmed: () =>
    given(
      registered,
      dupRegistered,
      flagged,
      event(
        'PossibleDuplicateConfirmed',
        { patientId: dup, candidatePatientId: ada, resolvedAt: later },
        { at: later },
      ),
    ).expect(flaggedDocs(4, 'confirmed', later)),

  PossibleDuplicateDismissed: () =>
    given(
      registered,
      dupRegistered,
      flagged,
      event(
        'PossibleDuplicateDismissed',
        { patientId: dup, candidatePatientId: ada, resolvedAt: later },
        { at: later },
      ),
    ).expect(flaggedDocs(4, 'dismissed', later)),

  PatientMergedInto: () =>
    given(
      registered,
      event('PatientMergedInto', { patientId: ada, survivorPatientId: dup, mergedAt: later }, { at: later }),
    ).expect({
      [PATIENT_SUMMARY]: [summary(2, { updatedAt: later, status: 'merged', mergedInto: dup })],
      [PATIENT_SEARCH]: [search(2, { status: 'merged', mergedInto: dup })],
    }),

  DuplicatePatientMerged: () =>
    given(
      registered,
      event('DuplicatePatientMerged', { patientId: ada, mergedPatientId: dup, mergedAt: later }, { at: later }),
      event('DuplicatePatientMerged', { patientId: ada, mergedPatientId: dup, mergedAt: later }, { at: later }),
    ).expect({
      // A merge recorded twice (two events) lists the merged patient once.
      [PATIENT_SUMMARY]: [summary(3, { updatedAt: later, mergedFrom: [dup] })],
      [PATIENT_SEARCH]: [search(1)],
    }),

  PatientDeathRecorded: () =>
    given(
      registered,
      event(
        'PatientDeathRecorded',
        { patientId: ada, diedAt: later, causeCode: 'I21.9', recordedAt: later },
        { at: later },
      ),
    ).expect({
      [PATIENT_SUMMARY]: [
        summary(2, {
          updatedAt: later,
          status: 'deceased',
          deceased: { diedAt: later, causeCode: 'I21.9', recordedAt: later },
        }),
      ],
      [PATIENT_SEARCH]: [search(2, { status: 'deceased' })],
    }),

  PatientPersonalDataErased: () =>
    given(
      registered,
      allergy,
      erasedKey(ada),
      event(
        'PatientPersonalDataErased',
        { patientId: ada, legalBasis: 'patient_request', erasedAt: later },
        { at: later },
      ),
    ).expect({
      // Personal fields that were set read as erased, those never set stay null; clinical codes stay.
      [PATIENT_SUMMARY]: [
        summary(3, {
          updatedAt: later,
          erased: true,
          givenName: '[erased]',
          familyName: '[erased]',
          birthDate: '[erased]',
          address: '[erased]',
          allergies: [{ ...allergyEntry, substance: '[erased]', reaction: '[erased]' }],
        }),
      ],
      [PATIENT_SEARCH]: [
        {
          _id: `h1:${ada}`,
          hospitalId: 'h1',
          patientId: ada,
          mrn: '00000018',
          sex: 'female',
          status: 'active',
          mergedInto: null,
          searchable: false,
          erased: true,
          position: 3,
        },
      ],
    }),
});
