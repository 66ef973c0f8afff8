import { given, triggering } from '../../process-manager/given-when-then.js';
import type { DomainEvent } from '../../shared/command-spec.js';
import { testId } from '../../shared/given-when-then.js';
import { eraseOnPatientErasure } from './erase-on-patient-erasure.js';

const T0 = '2025-02-01T00:00:00.000Z';
const PAT = testId(40);

const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });
const registered = ev('PatientRegistered', {
  patientId: PAT,
  mrn: '00000018',
  givenName: 'Ada',
  familyName: 'Lovelace',
  birthDate: '1815-12-10',
  sex: 'female',
  nationalId: null,
  address: null,
  phone: null,
  registeredAt: T0,
});
const patientErased = ev('PatientPersonalDataErased', { patientId: PAT, legalBasis: 'patient_request', erasedAt: T0 });
const labErased = ev('LabPatientDataErased', { patientId: PAT, erasedAt: T0 });
const erasure = () =>
  triggering('patients.PatientPersonalDataErased', { patientId: PAT, legalBasis: 'patient_request', erasedAt: T0 });

describe('process manager laboratory.erase-on-patient-erasure', () => {
  it('given an erased patient, when the erasure arrives, then the laboratory drops its copy of their data', async () => {
    await (
      await given({ [`patient.${PAT}`]: [registered, patientErased] }).when(eraseOnPatientErasure, erasure())
    ).thenSends([{ command: 'laboratory/erase-patient-lab-data', key: `erase:${PAT}`, body: { patientId: PAT } }]);
  });

  it('sends nothing when the laboratory already recorded the erasure (a redelivered event)', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, patientErased],
        [`labPatient.${PAT}`]: [labErased],
      }).when(eraseOnPatientErasure, erasure())
    ).thenSends([]);
  });
});
