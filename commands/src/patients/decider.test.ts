import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_NOW, testBlindIndex, testContext, testId } from '../shared/given-when-then.js';
import { identityKeys } from './identity-keys.js';
import { PATIENT_RULES } from './rules.js';
import * as spec from './specs.js';

const P1 = testId(1);
const P2 = testId(2);
const STAY = testId(50);

const person = { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', sex: 'female' } as const;

const registered = (patientId: string, mrn = '00000018'): DomainEvent => ({
  type: 'PatientRegistered',
  data: {
    patientId,
    mrn,
    ...person,
    nationalId: null,
    address: null,
    phone: null,
    registeredAt: '2025-01-01T00:00:00.000Z',
  },
});
const mergedInto = (patientId: string, survivorPatientId: string): DomainEvent => ({
  type: 'PatientMergedInto',
  data: { patientId, survivorPatientId, mergedAt: '2025-02-01T00:00:00.000Z' },
});
const erased = (patientId: string): DomainEvent => ({
  type: 'PatientPersonalDataErased',
  data: { patientId, legalBasis: 'patient_request', erasedAt: '2025-02-01T00:00:00.000Z' },
});
const flagged = (patientId: string, candidatePatientId: string): DomainEvent => ({
  type: 'PossibleDuplicateFlagged',
  data: { patientId, candidatePatientId, matchedOn: ['national_id'], flaggedAt: '2025-01-01T00:00:00.000Z' },
});
const claimed = (patientId: string, keyKind: string): DomainEvent => ({
  type: 'PatientIdentityKeyClaimed',
  data: { patientId, keyKind },
});
const released = (
  patientId: string,
  keyKind: string,
  reason: 'personal_data_erased' | 'demographics_changed',
): DomainEvent => ({
  type: 'PatientIdentityKeyReleased',
  data: { patientId, keyKind, reason },
});
const registrationOnly = (patientId: string, nationalId: string | null = null): DomainEvent => ({
  type: 'PatientRegistered',
  data: {
    patientId,
    mrn: '00000018',
    ...person,
    nationalId,
    address: null,
    phone: null,
    registeredAt: TEST_NOW,
  },
});
const stayOpened = (patientId: string): DomainEvent => ({
  type: 'StayOpened',
  data: { patientId, stayId: STAY, openedAt: '2025-02-01T00:00:00.000Z' },
});
const stayClosed = (patientId: string): DomainEvent => ({
  type: 'StayClosed',
  data: { patientId, stayId: STAY, outcome: 'discharged', closedAt: '2025-02-02T00:00:00.000Z' },
});

const withId = (id: string) => testContext([id]);

describe('patients decider', () => {
  describe('register-patient', () => {
    it('registers with the first MRN of the hospital and files the patient under its identity key', () => {
      given({})
        .when(spec.registerPatient, person, withId(P1))
        .thenEvents({
          patient: [
            {
              type: 'PatientRegistered',
              data: {
                patientId: P1,
                mrn: '00000018',
                ...person,
                nationalId: null,
                address: null,
                phone: null,
                registeredAt: TEST_NOW,
              },
            },
          ],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('takes the number after the last one handed out, reading only the tail of the registry', () => {
      const history = [40, 41].map((sequence) => ({
        type: 'MrnAssigned',
        data: { patientId: testId(sequence), sequence, mrn: 'x' },
      }));
      given({ mrn: history })
        .when(spec.registerPatient, { ...person, nationalId: '1-815-12-10', phone: '+44 20 7946 0000' }, withId(P1))
        .thenEvents({
          patient: [
            {
              type: 'PatientRegistered',
              data: {
                patientId: P1,
                mrn: '00000422',
                ...person,
                nationalId: '1-815-12-10',
                address: null,
                phone: '+44 20 7946 0000',
                registeredAt: TEST_NOW,
              },
            },
          ],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 42, mrn: '00000422' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
          'key:national_id': [claimed(P1, 'national_id')],
        });
    });

    it('flags a possible duplicate when the same name, birth date and sex were registered before', () => {
      given({ 'key:name_birth_date_sex': [claimed(P2, 'name_birth_date_sex')] })
        .when(spec.registerPatient, person, withId(P1))
        .thenEvents({
          patient: [
            {
              type: 'PatientRegistered',
              data: {
                patientId: P1,
                mrn: '00000018',
                ...person,
                nationalId: null,
                address: null,
                phone: null,
                registeredAt: TEST_NOW,
              },
            },
            {
              type: 'PossibleDuplicateFlagged',
              data: { patientId: P1, candidatePatientId: P2, matchedOn: ['name_birth_date_sex'], flaggedAt: TEST_NOW },
            },
          ],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('flags one candidate once, naming both keys, when name and national id both match', () => {
      given({
        'key:name_birth_date_sex': [claimed(P2, 'name_birth_date_sex')],
        'key:national_id': [claimed(P2, 'national_id')],
      })
        .when(spec.registerPatient, { ...person, nationalId: 'AB123456' }, withId(P1))
        .thenEvents({
          patient: [
            {
              type: 'PatientRegistered',
              data: {
                patientId: P1,
                mrn: '00000018',
                ...person,
                nationalId: 'AB123456',
                address: null,
                phone: null,
                registeredAt: TEST_NOW,
              },
            },
            {
              type: 'PossibleDuplicateFlagged',
              data: {
                patientId: P1,
                candidatePatientId: P2,
                matchedOn: ['name_birth_date_sex', 'national_id'],
                flaggedAt: TEST_NOW,
              },
            },
          ],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
          'key:national_id': [claimed(P1, 'national_id')],
        });
    });

    it('refuses to register over an existing patient stream', () => {
      given({ patient: [registered(P1)] })
        .when(spec.registerPatient, person, withId(P1))
        .thenRejects('patient-already-registered');
    });

    it('files spelling variants of one person under one key, and different people under different keys', () => {
      const ctx = { blindIndex: testBlindIndex };
      const key = (p: { givenName: string; familyName: string; nationalId: string | null }) =>
        identityKeys({ birthDate: '1990-01-01', sex: 'male', ...p }, ctx);
      const a = key({ givenName: 'José  María', familyName: "O'Brien", nationalId: 'ab-12 34' });
      const b = key({ givenName: 'jose maria', familyName: 'O BRIEN', nationalId: 'AB1234' });
      const c = key({ givenName: 'Jose', familyName: 'OBrien', nationalId: 'AB1235' });
      expect(a).to.deep.equal(b);
      expect(c[0]?.hmac).to.not.equal(a[0]?.hmac);
      expect(c[1]?.hmac).to.not.equal(a[1]?.hmac);
    });

    it('validates the body: unknown fields, bad dates and bad sexes are refused before any decision', () => {
      expect(spec.registerPatient.body.safeParse({ ...person, extra: 1 }).success).to.equal(false);
      expect(spec.registerPatient.body.safeParse({ ...person, birthDate: '10/12/1815' }).success).to.equal(false);
      expect(spec.registerPatient.body.safeParse({ ...person, sex: 'f' }).success).to.equal(false);
      expect(spec.registerPatient.body.safeParse(person).success).to.equal(true);
    });
  });

  describe('update-demographics', () => {
    const updated = (fields: Record<string, string | null>): DomainEvent => ({
      type: 'PatientDemographicsUpdated',
      data: {
        patientId: P1,
        givenName: null,
        familyName: null,
        birthDate: null,
        sex: null,
        nationalId: null,
        address: null,
        phone: null,
        ...fields,
        updatedAt: TEST_NOW,
      },
    });

    it('records the changed fields, leaving the rest null, and re-files the name key it changed', () => {
      given({
        patient: [registered(P1)],
        'release:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
      })
        .when(spec.updateDemographics, { patientId: P1, familyName: 'King', phone: '0123 456' })
        .thenEvents({
          patient: [updated({ familyName: 'King', phone: '0123 456' })],
          'release:name_birth_date_sex': [released(P1, 'name_birth_date_sex', 'demographics_changed')],
          'claim:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('files a new national id and flags the patients already filed under it', () => {
      given({
        patient: [registered(P1)],
        'claim:national_id': [claimed(P2, 'national_id')],
      })
        .when(spec.updateDemographics, { patientId: P1, nationalId: 'AB123456' })
        .thenEvents({
          patient: [
            updated({ nationalId: 'AB123456' }),
            {
              type: 'PossibleDuplicateFlagged',
              data: { patientId: P1, candidatePatientId: P2, matchedOn: ['national_id'], flaggedAt: TEST_NOW },
            },
          ],
          'claim:national_id': [claimed(P1, 'national_id')],
        });
    });

    it('does not flag again a candidate already flagged (or resolved) against the patient', () => {
      given({
        patient: [registered(P1), flagged(P1, P2)],
        'claim:name_birth_date_sex': [claimed(P2, 'name_birth_date_sex')],
      })
        .when(spec.updateDemographics, { patientId: P1, givenName: 'Augusta' })
        .thenEvents({
          patient: [updated({ givenName: 'Augusta' })],
          'claim:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('touches no identity key when only the address or phone changes, or the name is spelt the same way', () => {
      // given() refuses history for a stream the command does not load: none is loaded here.
      given({ patient: [registered(P1)] })
        .when(spec.updateDemographics, { patientId: P1, address: '12 St James Sq', familyName: 'LOVELACE' })
        .thenEvents({ patient: [updated({ address: '12 St James Sq', familyName: 'LOVELACE' })] });
    });

    it('after a change, a registration under the old details finds nobody', () => {
      given({
        'key:name_birth_date_sex': [
          claimed(P2, 'name_birth_date_sex'),
          released(P2, 'name_birth_date_sex', 'demographics_changed'),
        ],
      })
        .when(spec.registerPatient, person, withId(P1))
        .thenEvents({
          patient: [registrationOnly(P1)],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('refuses a body that changes nothing', () => {
      expect(spec.updateDemographics.body.safeParse({ patientId: P1 }).success).to.equal(false);
    });

    it('refuses an unknown patient', () => {
      given({}).when(spec.updateDemographics, { patientId: P1, familyName: 'King' }).thenRejects('patient-not-found');
    });

    it('refuses a voided (merged) patient', () => {
      given({ patient: [registered(P1), mergedInto(P1, P2)] })
        .when(spec.updateDemographics, { patientId: P1, familyName: 'King' })
        .thenRejects('patient-voided');
    });

    it('refuses new personal data once the personal data was erased', () => {
      given({ patient: [registered(P1), erased(P1)] })
        .when(spec.updateDemographics, { patientId: P1, familyName: 'King' })
        .thenRejects('personal-data-erased');
    });
  });

  describe('possible duplicates', () => {
    const body = { patientId: P1, candidatePatientId: P2 };
    const resolved = { patientId: P1, candidatePatientId: P2, resolvedAt: TEST_NOW };

    it('confirms an open flag', () => {
      given({ patient: [registered(P1), flagged(P1, P2)] })
        .when(spec.confirmPossibleDuplicate, body)
        .thenEvents({ patient: [{ type: 'PossibleDuplicateConfirmed', data: resolved }] });
    });

    it('dismisses an open flag', () => {
      given({ patient: [registered(P1), flagged(P1, P2)] })
        .when(spec.dismissPossibleDuplicate, body)
        .thenEvents({ patient: [{ type: 'PossibleDuplicateDismissed', data: resolved }] });
    });

    it('refuses to resolve a flag that was never raised', () => {
      given({ patient: [registered(P1)] })
        .when(spec.confirmPossibleDuplicate, body)
        .thenRejects('possible-duplicate-not-found');
    });

    it('refuses to resolve a flag twice', () => {
      given({ patient: [registered(P1), flagged(P1, P2), { type: 'PossibleDuplicateDismissed', data: resolved }] })
        .when(spec.confirmPossibleDuplicate, body)
        .thenRejects('possible-duplicate-already-resolved');
    });

    it('refuses on an unknown patient', () => {
      given({}).when(spec.dismissPossibleDuplicate, body).thenRejects('patient-not-found');
    });
  });

  describe('clinical record', () => {
    const cases = [
      {
        spec: spec.recordAllergy,
        body: {
          patientId: P1,
          substance: 'penicillin',
          category: 'medication',
          criticality: 'high',
          reaction: 'hives',
        },
        event: {
          type: 'AllergyRecorded',
          data: {
            patientId: P1,
            allergyId: testId(7),
            substance: 'penicillin',
            substanceCode: null,
            category: 'medication',
            criticality: 'high',
            reaction: 'hives',
            recordedAt: TEST_NOW,
          },
        },
      },
      {
        spec: spec.recordDiagnosis,
        body: { patientId: P1, code: 'J18.9', verification: 'provisional' },
        event: {
          type: 'DiagnosisRecorded',
          data: {
            patientId: P1,
            diagnosisId: testId(7),
            code: 'J18.9',
            verification: 'provisional',
            note: null,
            recordedAt: TEST_NOW,
          },
        },
      },
      {
        spec: spec.recordClinicalNote,
        body: { patientId: P1, category: 'progress', text: 'Afebrile, eating well.' },
        event: {
          type: 'ClinicalNoteRecorded',
          data: {
            patientId: P1,
            noteId: testId(7),
            category: 'progress',
            text: 'Afebrile, eating well.',
            recordedAt: TEST_NOW,
          },
        },
      },
    ] as const;

    for (const c of cases) {
      describe(c.spec.name, () => {
        it('records the entry', () => {
          given({ patient: [registered(P1)] })
            .when(c.spec, c.body, withId(testId(7)))
            .thenEvents({ patient: [c.event] });
        });
        it('still records for a deceased patient', () => {
          const death = {
            type: 'PatientDeathRecorded',
            data: { patientId: P1, diedAt: TEST_NOW, causeCode: null, recordedAt: TEST_NOW },
          };
          given({ patient: [registered(P1), death] })
            .when(c.spec, c.body, withId(testId(7)))
            .thenEvents({ patient: [c.event] });
        });
        it('refuses an unknown patient', () => {
          given({}).when(c.spec, c.body).thenRejects('patient-not-found');
        });
        it('refuses a voided patient', () => {
          given({ patient: [registered(P1), mergedInto(P1, P2)] })
            .when(c.spec, c.body)
            .thenRejects('patient-voided');
        });
        it('refuses once personal data was erased', () => {
          given({ patient: [registered(P1), erased(P1)] })
            .when(c.spec, c.body)
            .thenRejects('personal-data-erased');
        });
      });
    }

    it('refuses a malformed ICD-10 code', () => {
      expect(
        spec.recordDiagnosis.body.safeParse({ patientId: P1, code: 'pneumonia', verification: 'confirmed' }).success,
      ).to.equal(false);
    });
  });

  describe('merge-patients', () => {
    const body = { survivorPatientId: P1, duplicatePatientId: P2 };

    it('voids the duplicate, pointing to the survivor, and tells the survivor', () => {
      given({ survivor: [registered(P1)], duplicate: [registered(P2, '00000026')] })
        .when(spec.mergePatients, body)
        .thenEvents({
          duplicate: [
            { type: 'PatientMergedInto', data: { patientId: P2, survivorPatientId: P1, mergedAt: TEST_NOW } },
          ],
          survivor: [
            { type: 'DuplicatePatientMerged', data: { patientId: P1, mergedPatientId: P2, mergedAt: TEST_NOW } },
          ],
        });
    });

    it('refuses to merge a patient into itself', () => {
      given({ survivor: [registered(P1)], duplicate: [registered(P1)] })
        .when(spec.mergePatients, { survivorPatientId: P1, duplicatePatientId: P1 })
        .thenRejects('merge-into-self');
    });

    it('refuses an unknown survivor', () => {
      given({ duplicate: [registered(P2)] })
        .when(spec.mergePatients, body)
        .thenRejects('patient-not-found');
    });

    it('refuses a duplicate that was already merged away', () => {
      given({ survivor: [registered(P1)], duplicate: [registered(P2), mergedInto(P2, testId(3))] })
        .when(spec.mergePatients, body)
        .thenRejects('patient-voided');
    });

    it('refuses while the duplicate has an active stay', () => {
      given({ survivor: [registered(P1)], duplicate: [registered(P2), stayOpened(P2)] })
        .when(spec.mergePatients, body)
        .thenRejects('patient-has-active-stay');
    });

    it('merges once the stay is closed', () => {
      given({ survivor: [registered(P1)], duplicate: [registered(P2), stayOpened(P2), stayClosed(P2)] })
        .when(spec.mergePatients, body)
        .thenEvents({
          duplicate: [
            { type: 'PatientMergedInto', data: { patientId: P2, survivorPatientId: P1, mergedAt: TEST_NOW } },
          ],
          survivor: [
            { type: 'DuplicatePatientMerged', data: { patientId: P1, mergedPatientId: P2, mergedAt: TEST_NOW } },
          ],
        });
    });
  });

  describe('record-death', () => {
    const diedAt = '2025-03-01T09:15:00.000Z';

    it('records the death', () => {
      given({ patient: [registered(P1)] })
        .when(spec.recordDeath, { patientId: P1, diedAt: '2025-03-01T10:15:00+01:00', causeCode: 'I21.9' })
        .thenEvents({
          patient: [
            { type: 'PatientDeathRecorded', data: { patientId: P1, diedAt, causeCode: 'I21.9', recordedAt: TEST_NOW } },
          ],
        });
    });

    it('refuses a second death', () => {
      const death = {
        type: 'PatientDeathRecorded',
        data: { patientId: P1, diedAt, causeCode: null, recordedAt: TEST_NOW },
      };
      given({ patient: [registered(P1), death] })
        .when(spec.recordDeath, { patientId: P1, diedAt })
        .thenRejects('patient-already-deceased');
    });

    it('refuses a time of death before the birth date (the rule named in the 409)', () => {
      given({ patient: [registered(P1)] })
        .when(spec.recordDeath, { patientId: P1, diedAt: '1815-12-01T12:00:00Z' })
        .thenRejects('death-before-birth');
    });

    it('accepts a death on the birth day, in any time zone (the local day starts up to 14 h earlier in UTC)', () => {
      given({ patient: [registered(P1)] })
        .when(spec.recordDeath, { patientId: P1, diedAt: '1815-12-09T11:00:00Z' })
        .thenEvents({
          patient: [
            {
              type: 'PatientDeathRecorded',
              data: { patientId: P1, diedAt: '1815-12-09T11:00:00.000Z', causeCode: null, recordedAt: TEST_NOW },
            },
          ],
        });
    });

    it('compares with the birth date as last corrected', () => {
      const corrected = {
        type: 'PatientDemographicsUpdated',
        data: {
          patientId: P1,
          givenName: null,
          familyName: null,
          birthDate: '1816-01-10',
          sex: null,
          nationalId: null,
          address: null,
          phone: null,
          updatedAt: TEST_NOW,
        },
      };
      given({ patient: [registered(P1), corrected] })
        .when(spec.recordDeath, { patientId: P1, diedAt: '1815-12-20T12:00:00Z' })
        .thenRejects('death-before-birth');
    });

    it('refuses a time of death after now', () => {
      given({ patient: [registered(P1)] })
        .when(spec.recordDeath, { patientId: P1, diedAt: '2025-03-01T10:00:01Z' })
        .thenRejects('death-in-future');
    });

    it('refuses an unknown patient', () => {
      given({}).when(spec.recordDeath, { patientId: P1, diedAt }).thenRejects('patient-not-found');
    });

    it('refuses a voided patient', () => {
      given({ patient: [registered(P1), mergedInto(P1, P2)] })
        .when(spec.recordDeath, { patientId: P1, diedAt })
        .thenRejects('patient-voided');
    });
  });

  describe('erase-patient-personal-data', () => {
    const body = { patientId: P1, legalBasis: 'patient_request' };
    const event = {
      type: 'PatientPersonalDataErased',
      data: { patientId: P1, legalBasis: 'patient_request', erasedAt: TEST_NOW },
    };

    it('records the erasure', () => {
      given({ patient: [registered(P1)] })
        .when(spec.erasePatientPersonalData, body)
        .thenEvents({ patient: [event] });
    });

    it('releases every identity key the patient is filed under', () => {
      given({
        patient: [registrationOnly(P1, 'AB123456')],
        'release:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        'release:national_id': [claimed(P2, 'national_id'), claimed(P1, 'national_id')],
      })
        .when(spec.erasePatientPersonalData, body)
        .thenEvents({
          patient: [event],
          'release:name_birth_date_sex': [released(P1, 'name_birth_date_sex', 'personal_data_erased')],
          'release:national_id': [released(P1, 'national_id', 'personal_data_erased')],
        });
    });

    it('releases the keys of the demographics as last changed, not as first registered', () => {
      given({
        patient: [
          registrationOnly(P1),
          {
            type: 'PatientDemographicsUpdated',
            data: {
              patientId: P1,
              givenName: null,
              familyName: null,
              birthDate: null,
              sex: null,
              nationalId: 'ZZ999',
              address: null,
              phone: null,
              updatedAt: TEST_NOW,
            },
          },
        ],
        'release:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        'release:national_id': [claimed(P1, 'national_id')],
      })
        .when(spec.erasePatientPersonalData, body)
        .thenEvents({
          patient: [event],
          'release:name_birth_date_sex': [released(P1, 'name_birth_date_sex', 'personal_data_erased')],
          'release:national_id': [released(P1, 'national_id', 'personal_data_erased')],
        });
    });

    it('does not flag a patient erased before erasure released keys (still filed, but erased)', () => {
      given({
        'key:name_birth_date_sex': [claimed(P2, 'name_birth_date_sex')],
        [`candidate:${P2}`]: [registered(P2), erased(P2)],
      })
        .when(spec.registerPatient, person, withId(P1))
        .thenEvents({
          patient: [registrationOnly(P1)],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('after the erasure, registering the same person raises no possible duplicate against the erased one', () => {
      given({
        'key:name_birth_date_sex': [
          claimed(P2, 'name_birth_date_sex'),
          released(P2, 'name_birth_date_sex', 'personal_data_erased'),
        ],
      })
        .when(spec.registerPatient, person, withId(P1))
        .thenEvents({
          patient: [registrationOnly(P1)],
          mrn: [{ type: 'MrnAssigned', data: { patientId: P1, sequence: 1, mrn: '00000018' } }],
          'key:name_birth_date_sex': [claimed(P1, 'name_birth_date_sex')],
        });
    });

    it('erases a voided duplicate too', () => {
      given({ patient: [registered(P1), mergedInto(P1, P2)] })
        .when(spec.erasePatientPersonalData, body)
        .thenEvents({ patient: [event] });
    });

    it('refuses a second erasure', () => {
      given({ patient: [registered(P1), erased(P1)] })
        .when(spec.erasePatientPersonalData, body)
        .thenRejects('personal-data-already-erased');
    });

    it('refuses an unknown patient', () => {
      given({}).when(spec.erasePatientPersonalData, body).thenRejects('patient-not-found');
    });
  });

  describe('command specs', () => {
    it('declares every command once, kebab-named, with roles, in the patients module', () => {
      const names = spec.patientsCommands.map((s) => s.name);
      expect(new Set(names).size).to.equal(names.length);
      for (const s of spec.patientsCommands) {
        expect(s.module).to.equal('patients');
        expect(s.name).to.match(/^[a-z]+(-[a-z]+)*$/);
        expect(s.roles).to.not.be.empty;
      }
      expect(spec.recordDeath.roles).to.deep.equal(['physician']);
      expect(spec.mergePatients.roles).to.deep.equal(['admin']);
    });

    it('documents every rule code in kebab-case', () => {
      for (const code of Object.keys(PATIENT_RULES)) expect(code).to.match(/^[a-z]+(-[a-z0-9]+)*$/);
    });
  });
});
