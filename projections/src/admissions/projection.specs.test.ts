import { describeProjectionSpecs, projectionSpec, SPEC_TIME } from '../testing/projection-spec.js';
import { admissionsProjection } from './projection.js';
import { BED_BOARD, STAYS, WARDS } from './views.js';

const { event, given } = projectionSpec(admissionsProjection);

const ward = '0193a6f0-0000-7000-8000-00000000000a';
const ward2 = '0193a6f0-0000-7000-8000-00000000000b';
const bed = '0193a6f0-0000-7000-8000-0000000000b1';
const bed2 = '0193a6f0-0000-7000-8000-0000000000b2';
const stay = '0193a6f0-0000-7000-8000-0000000000c1';
const stay2 = '0193a6f0-0000-7000-8000-0000000000c2';
const patient = '0193a6f0-0000-7000-8000-0000000000d1';
const patient2 = '0193a6f0-0000-7000-8000-0000000000d2';
const later = '2025-03-02T10:00:00.000Z';

const bedAdded = event('BedAdded', { bedId: bed, wardId: ward, label: '3E-01', addedAt: '2025-02-01T00:00:00.000Z' });
/**
 * The bed as BedAdded leaves it; a bed event at `position` changes `changes`. Every event of these
 * specs is the bed's, so its stream revision (If-Match) is `position - 1`.
 */
const bedDoc = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${bed}`,
  hospitalId: 'h1',
  bedId: bed,
  wardId: ward,
  label: '3E-01',
  status: 'free',
  stayId: null,
  patientId: null,
  since: '2025-02-01T00:00:00.000Z',
  position,
  revision: position - 1,
  ...changes,
});

const requested = event('AdmissionRequested', {
  stayId: stay,
  patientId: patient,
  wardId: ward,
  reason: 'chest pain',
  requestedAt: SPEC_TIME,
});
/**
 * The stay as AdmissionRequested leaves it (the reason, personal free text, is not copied); the
 * stay stream's revision is `position - 1` unless a patient-stream event came between.
 */
const stayDoc = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${stay}`,
  hospitalId: 'h1',
  stayId: stay,
  patientId: patient,
  wardId: ward,
  bedId: null,
  reservedBedId: null,
  status: 'planned',
  requestedAt: SPEC_TIME,
  admittedAt: null,
  plannedDischargeAt: null,
  leave: null,
  dischargedAt: null,
  dischargeReason: null,
  disposition: null,
  cancelledAt: null,
  cancellationReason: null,
  transfers: [],
  position,
  revision: position - 1,
  ...changes,
});
const admitted = event('PatientAdmitted', {
  stayId: stay,
  patientId: patient,
  bedId: bed,
  wardId: ward,
  admittedAt: later,
});
const admittedDoc = (position: number, changes: Record<string, unknown> = {}) =>
  stayDoc(position, { status: 'in_progress', bedId: bed, admittedAt: later, ...changes });

describeProjectionSpecs(admissionsProjection, {
  WardDefined: () =>
    given(
      event('WardDefined', { wardId: ward, name: 'Cardiology 3 East', specialty: 'medical', definedAt: SPEC_TIME }),
    ).expect({
      [WARDS]: [
        {
          _id: `h1:${ward}`,
          hospitalId: 'h1',
          wardId: ward,
          name: 'Cardiology 3 East',
          specialty: 'medical',
          definedAt: SPEC_TIME,
          position: 1,
          revision: 0,
        },
      ],
    }),

  BedAdded: () => given(bedAdded).expect({ [BED_BOARD]: [bedDoc(1)] }),

  BedClosed: () =>
    given(bedAdded, event('BedClosed', { bedId: bed, reason: 'maintenance', closedAt: later }, { at: later })).expect({
      [BED_BOARD]: [bedDoc(2, { status: 'closed', since: later })],
    }),

  BedReopened: () =>
    given(
      bedAdded,
      event('BedClosed', { bedId: bed, reason: 'infection_control', closedAt: SPEC_TIME }),
      event('BedReopened', { bedId: bed, reopenedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(3, { status: 'free', since: later })] }),

  BedReserved: () =>
    given(
      bedAdded,
      event('BedReserved', { bedId: bed, stayId: stay, patientId: patient, reservedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(2, { status: 'reserved', stayId: stay, patientId: patient, since: later })] }),

  BedReservationReleased: () =>
    given(
      bedAdded,
      event('BedReserved', { bedId: bed, stayId: stay, patientId: patient, reservedAt: SPEC_TIME }),
      event('BedReservationReleased', { bedId: bed, stayId: stay, releasedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(3, { status: 'free', since: later })] }),

  BedOccupied: () =>
    given(
      bedAdded,
      event('BedOccupied', { bedId: bed, stayId: stay, patientId: patient, occupiedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(2, { status: 'occupied', stayId: stay, patientId: patient, since: later })] }),

  BedOccupantSwapped: () =>
    given(
      bedAdded,
      event('BedOccupied', { bedId: bed, stayId: stay, patientId: patient, occupiedAt: SPEC_TIME }),
      event(
        'BedOccupantSwapped',
        { bedId: bed, stayId: stay2, patientId: patient2, previousStayId: stay, swappedAt: later },
        { at: later },
      ),
    ).expect({ [BED_BOARD]: [bedDoc(3, { status: 'occupied', stayId: stay2, patientId: patient2, since: later })] }),

  BedVacated: () =>
    given(
      bedAdded,
      event('BedOccupied', { bedId: bed, stayId: stay, patientId: patient, occupiedAt: SPEC_TIME }),
      event('BedVacated', { bedId: bed, stayId: stay, cause: 'discharge', vacatedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(3, { status: 'to_clean', since: later })] }),

  BedCleaned: () =>
    given(
      bedAdded,
      event('BedOccupied', { bedId: bed, stayId: stay, patientId: patient, occupiedAt: SPEC_TIME }),
      event('BedVacated', { bedId: bed, stayId: stay, cause: 'transfer', vacatedAt: SPEC_TIME }),
      event('BedCleaned', { bedId: bed, cleanedAt: later }, { at: later }),
    ).expect({ [BED_BOARD]: [bedDoc(4, { status: 'free', since: later })] }),

  AdmissionRequested: () => given(requested).expect({ [STAYS]: [stayDoc(1)] }),

  BedReservedForStay: () =>
    given(
      requested,
      event('BedReservedForStay', { stayId: stay, patientId: patient, bedId: bed, wardId: ward2, reservedAt: later }),
    ).expect({ [STAYS]: [stayDoc(2, { reservedBedId: bed, wardId: ward2 })] }),

  StayReservationReleased: () =>
    given(
      requested,
      event('BedReservedForStay', { stayId: stay, patientId: patient, bedId: bed, wardId: ward2, reservedAt: later }),
      event('StayReservationReleased', { stayId: stay, patientId: patient, bedId: bed, releasedAt: later }),
    ).expect({ [STAYS]: [stayDoc(3, { reservedBedId: null, wardId: ward2 })] }),

  PatientAdmitted: () =>
    given(
      requested,
      event('BedReservedForStay', { stayId: stay, patientId: patient, bedId: bed, wardId: ward, reservedAt: later }),
      admitted,
    ).expect({ [STAYS]: [admittedDoc(3)] }),

  PatientTransferred: () =>
    given(
      requested,
      admitted,
      event('PatientTransferred', {
        stayId: stay,
        patientId: patient,
        fromBedId: bed,
        toBedId: bed2,
        toWardId: ward2,
        swappedWithStayId: stay2,
        transferredAt: later,
      }),
    ).expect({
      [STAYS]: [
        admittedDoc(3, {
          bedId: bed2,
          wardId: ward2,
          transfers: [
            { fromBedId: bed, toBedId: bed2, toWardId: ward2, swappedWithStayId: stay2, transferredAt: later },
          ],
        }),
      ],
    }),

  LeaveStarted: () =>
    given(
      requested,
      admitted,
      event('LeaveStarted', {
        stayId: stay,
        patientId: patient,
        expectedReturnAt: '2025-03-03T18:00:00.000Z',
        startedAt: later,
      }),
    ).expect({
      [STAYS]: [
        admittedDoc(3, {
          status: 'on_leave',
          leave: { startedAt: later, expectedReturnAt: '2025-03-03T18:00:00.000Z' },
        }),
      ],
    }),

  LeaveEnded: () =>
    given(
      requested,
      admitted,
      event('LeaveStarted', { stayId: stay, patientId: patient, expectedReturnAt: null, startedAt: later }),
      event('LeaveEnded', { stayId: stay, patientId: patient, endedAt: later }),
    ).expect({ [STAYS]: [admittedDoc(4, { status: 'in_progress', leave: null })] }),

  DischargeScheduled: () =>
    given(
      requested,
      admitted,
      event('DischargeScheduled', {
        stayId: stay,
        patientId: patient,
        plannedFor: '2025-03-05T11:00:00.000Z',
        scheduledAt: later,
      }),
    ).expect({ [STAYS]: [admittedDoc(3, { plannedDischargeAt: '2025-03-05T11:00:00.000Z' })] }),

  ScheduledDischargeCancelled: () =>
    given(
      requested,
      admitted,
      event('DischargeScheduled', {
        stayId: stay,
        patientId: patient,
        plannedFor: '2025-03-05T11:00:00.000Z',
        scheduledAt: later,
      }),
      event('ScheduledDischargeCancelled', { stayId: stay, patientId: patient, cancelledAt: later }),
    ).expect({ [STAYS]: [admittedDoc(4, { plannedDischargeAt: null })] }),

  PatientDischarged: () =>
    given(
      requested,
      admitted,
      event('LeaveStarted', { stayId: stay, patientId: patient, expectedReturnAt: null, startedAt: later }),
      event('DischargeScheduled', {
        stayId: stay,
        patientId: patient,
        plannedFor: '2025-03-05T11:00:00.000Z',
        scheduledAt: later,
      }),
      event('PatientDischarged', {
        stayId: stay,
        patientId: patient,
        bedId: bed,
        reason: 'home',
        disposition: 'snf',
        dischargedAt: '2025-03-04T09:00:00.000Z',
        unbilledCharges: 0,
      }),
    ).expect({
      [STAYS]: [
        admittedDoc(5, {
          status: 'finished',
          leave: null,
          plannedDischargeAt: null,
          dischargedAt: '2025-03-04T09:00:00.000Z',
          dischargeReason: 'home',
          disposition: 'snf',
        }),
      ],
    }),

  AdmissionCancelled: () =>
    given(
      requested,
      event('BedReservedForStay', { stayId: stay, patientId: patient, bedId: bed, wardId: ward, reservedAt: later }),
      event('AdmissionCancelled', { stayId: stay, patientId: patient, reason: 'patient_declined', cancelledAt: later }),
    ).expect({
      [STAYS]: [
        stayDoc(3, {
          status: 'cancelled',
          reservedBedId: null,
          cancelledAt: later,
          cancellationReason: 'patient_declined',
        }),
      ],
    }),

  StayOpened: async () => {
    await given(requested, event('StayOpened', { patientId: patient, stayId: stay, openedAt: SPEC_TIME })).expect({
      [STAYS]: [stayDoc(2, { revision: 0, patientRevision: 0 })],
    });
    // Never a stay of its own: without the stay's first event there is nothing to note it on.
    await given(event('StayOpened', { patientId: patient, stayId: stay, openedAt: SPEC_TIME })).expect({});
  },

  StayClosed: async () => {
    await given(
      requested,
      event('StayOpened', { patientId: patient, stayId: stay, openedAt: SPEC_TIME }),
      event('AdmissionCancelled', { stayId: stay, patientId: patient, reason: 'entered_in_error', cancelledAt: later }),
      event('StayClosed', { patientId: patient, stayId: stay, outcome: 'cancelled', closedAt: later }),
    ).expect({
      [STAYS]: [
        stayDoc(4, {
          revision: 1,
          patientRevision: 1,
          status: 'cancelled',
          cancelledAt: later,
          cancellationReason: 'entered_in_error',
        }),
      ],
    });
    await given(
      event('StayClosed', { patientId: patient, stayId: stay, outcome: 'discharged', closedAt: later }),
    ).expect({});
  },
});
