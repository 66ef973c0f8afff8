import { given, triggering } from '../../process-manager/given-when-then.js';
import type { DomainEvent } from '../../shared/command-spec.js';
import { testId } from '../../shared/given-when-then.js';
import { dischargeOnDeath } from './discharge-on-death.js';

const T0 = '2025-02-01T00:00:00.000Z';
const WARD = testId(10);
const BED = testId(20);
const BED2 = testId(21);
const STAY = testId(30);
const OLD_STAY = testId(31);
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
const opened = (stayId = STAY) => ev('StayOpened', { patientId: PAT, stayId, openedAt: T0 });
const closed = (stayId = STAY) => ev('StayClosed', { patientId: PAT, stayId, outcome: 'discharged', closedAt: T0 });
const died = ev('PatientDeathRecorded', { patientId: PAT, diedAt: T0, causeCode: null, recordedAt: T0 });
const requested = ev('AdmissionRequested', {
  stayId: STAY,
  patientId: PAT,
  wardId: WARD,
  reason: null,
  requestedAt: T0,
});
const reserved = ev('BedReservedForStay', { stayId: STAY, patientId: PAT, bedId: BED, wardId: WARD, reservedAt: T0 });
const admitted = ev('PatientAdmitted', { stayId: STAY, patientId: PAT, bedId: BED, wardId: WARD, admittedAt: T0 });
const transferred = ev('PatientTransferred', {
  stayId: STAY,
  patientId: PAT,
  fromBedId: BED,
  toBedId: BED2,
  toWardId: WARD,
  swappedWithStayId: null,
  transferredAt: T0,
});
const leave = ev('LeaveStarted', { stayId: STAY, patientId: PAT, expectedReturnAt: null, startedAt: T0 });
const discharged = ev('PatientDischarged', {
  stayId: STAY,
  patientId: PAT,
  bedId: BED,
  reason: 'home',
  disposition: 'home',
  dischargedAt: T0,
  unbilledCharges: 0,
});
const bedAdded = (bedId = BED) => ev('BedAdded', { bedId, wardId: WARD, label: 'A', addedAt: T0 });
const occupied = (bedId = BED) => ev('BedOccupied', { bedId, stayId: STAY, patientId: PAT, occupiedAt: T0 });
const bedReserved = ev('BedReserved', { bedId: BED, stayId: STAY, patientId: PAT, reservedAt: T0 });

const death = () =>
  triggering('patients.PatientDeathRecorded', { patientId: PAT, diedAt: T0, causeCode: 'I21.9', recordedAt: T0 });

const discharge = (bedId = BED) => ({
  command: 'admissions/discharge-patient',
  key: `discharge:${STAY}`,
  body: { stayId: STAY, patientId: PAT, bedId, reason: 'death', disposition: 'exp' },
});

describe('process manager admissions.discharge-on-death', () => {
  it('given an admitted patient, when their death is recorded, then their stay is discharged for death', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died],
        [`stay.${STAY}`]: [requested, admitted],
        [`bed.${BED}`]: [bedAdded(), occupied()],
      }).when(dischargeOnDeath, death())
    ).thenSends([discharge()]);
  });

  it('discharges for death even while the stay has unbilled charges (the discharge guard never refuses a death)', async () => {
    const captured = ev('ChargeCaptured', {
      accountId: STAY,
      chargeId: testId(50),
      source: 'bed_day',
      sourceId: `${STAY}:2025-02-01`,
      serviceCode: 'bed-day:medical',
      description: 'Bed-day',
      quantity: 1,
      unitPrice: 35_000,
      netAmount: 35_000,
      taxBasisPoints: 0,
      taxAmount: 0,
      totalAmount: 35_000,
      currency: 'EUR',
      serviceDate: '2025-02-01',
      capturedAt: T0,
    });
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died],
        [`stay.${STAY}`]: [requested, admitted],
        [`bed.${BED}`]: [bedAdded(), occupied()],
        [`account.${STAY}`]: [captured],
      }).when(dischargeOnDeath, death())
    ).thenSends([discharge()]);
  });

  it('discharges from the bed the patient lies in now, after a transfer', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died],
        [`stay.${STAY}`]: [requested, admitted, transferred],
        [`bed.${BED2}`]: [bedAdded(BED2), occupied(BED2)],
      }).when(dischargeOnDeath, death())
    ).thenSends([discharge(BED2)]);
  });

  it('discharges a patient who died on leave, releasing the bed held for them', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died],
        [`stay.${STAY}`]: [requested, admitted, leave],
        [`bed.${BED}`]: [bedAdded(), occupied()],
      }).when(dischargeOnDeath, death())
    ).thenSends([discharge()]);
  });

  it('cancels a stay that was only planned, releasing the bed reserved for it', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died],
        [`stay.${STAY}`]: [requested, reserved],
        [`bed.${BED}`]: [bedAdded(), bedReserved],
      }).when(dischargeOnDeath, death())
    ).thenSends([
      {
        command: 'admissions/cancel-admission',
        key: `cancel:${STAY}`,
        body: { stayId: STAY, patientId: PAT, reservedBedId: BED, reason: 'no_longer_needed' },
      },
    ]);
  });

  it('cancels a planned stay without a reservation naming no bed', async () => {
    await (
      await given({ [`patient.${PAT}`]: [registered, opened(), died], [`stay.${STAY}`]: [requested] }).when(
        dischargeOnDeath,
        death(),
      )
    ).thenSends([
      {
        command: 'admissions/cancel-admission',
        key: `cancel:${STAY}`,
        body: { stayId: STAY, patientId: PAT, reason: 'no_longer_needed' },
      },
    ]);
  });

  it('sends nothing for a patient without an open stay (an earlier stay ended)', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(OLD_STAY), closed(OLD_STAY), died],
        [`stay.${OLD_STAY}`]: [requested, admitted, discharged],
      }).when(dischargeOnDeath, death())
    ).thenSends([]);
  });

  it('sends nothing when the death arrives again after the stay was discharged (redelivery or replay)', async () => {
    await (
      await given({
        [`patient.${PAT}`]: [registered, opened(), died, closed()],
        [`stay.${STAY}`]: [requested, admitted, discharged],
      }).when(dischargeOnDeath, death())
    ).thenSends([]);
  });
});
