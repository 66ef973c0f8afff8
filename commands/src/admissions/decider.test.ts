import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import {
  given,
  hospitalRegistered,
  hospitalSettingsChanged,
  TEST_HOSPITAL_REGISTERED_AT,
  TEST_NOW,
  testContext,
  testId,
} from '../shared/given-when-then.js';
import { ADMISSION_RULES } from './rules.js';
import * as spec from './specs.js';

const T0 = '2025-02-01T00:00:00.000Z';
const WARD = testId(10);
const WARD2 = testId(11);
const BED = testId(20);
const BED2 = testId(21);
const STAY = testId(30);
const STAY2 = testId(31);
const PAT = testId(40);
const PAT2 = testId(41);

const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });

const wardDefined = ev('WardDefined', { wardId: WARD, name: '3 East', specialty: 'medical', definedAt: T0 });
const bedAdded = (bedId = BED, wardId = WARD) => ev('BedAdded', { bedId, wardId, label: 'A', addedAt: T0 });
const bedReserved = (bedId = BED, stayId = STAY, patientId = PAT) =>
  ev('BedReserved', { bedId, stayId, patientId, reservedAt: T0 });
const bedOccupied = (bedId = BED, stayId = STAY, patientId = PAT) =>
  ev('BedOccupied', { bedId, stayId, patientId, occupiedAt: T0 });
const bedVacated = (bedId = BED) => ev('BedVacated', { bedId, stayId: STAY, cause: 'discharge', vacatedAt: T0 });
const bedClosed = ev('BedClosed', { bedId: BED, reason: 'maintenance', closedAt: T0 });

const requested = (stayId = STAY, patientId = PAT) =>
  ev('AdmissionRequested', { stayId, patientId, wardId: WARD, reason: null, requestedAt: T0 });
const reservedForStay = (bedId = BED, stayId = STAY) =>
  ev('BedReservedForStay', { stayId, patientId: PAT, bedId, wardId: WARD, reservedAt: T0 });
const admitted = (stayId = STAY, patientId = PAT, bedId = BED) =>
  ev('PatientAdmitted', { stayId, patientId, bedId, wardId: WARD, admittedAt: T0 });
const onLeave = ev('LeaveStarted', { stayId: STAY, patientId: PAT, expectedReturnAt: null, startedAt: T0 });

const registered = (patientId = PAT) =>
  ev('PatientRegistered', {
    patientId,
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
const stayOpened = (stayId = STAY) => ev('StayOpened', { patientId: PAT, stayId, openedAt: T0 });
const died = ev('PatientDeathRecorded', { patientId: PAT, diedAt: T0, causeCode: null, recordedAt: T0 });
const merged = ev('PatientMergedInto', { patientId: PAT, survivorPatientId: PAT2, mergedAt: T0 });

const withId = (id: string) => testContext([id]);

describe('admissions decider', () => {
  describe('wards and beds', () => {
    it('defines a ward', () => {
      given({})
        .when(spec.defineWard, { name: '3 East', specialty: 'medical' }, withId(WARD))
        .thenEvents({
          ward: [ev('WardDefined', { wardId: WARD, name: '3 East', specialty: 'medical', definedAt: TEST_NOW })],
        });
    });
    it('refuses to define a ward twice', () => {
      given({ ward: [wardDefined] })
        .when(spec.defineWard, { name: '3 East', specialty: 'medical' }, withId(WARD))
        .thenRejects('ward-already-defined');
    });
    it('adds a free bed to a ward', () => {
      given({ ward: [wardDefined] })
        .when(spec.addBed, { wardId: WARD, label: '3E-1' }, withId(BED))
        .thenEvents({ bed: [ev('BedAdded', { bedId: BED, wardId: WARD, label: '3E-1', addedAt: TEST_NOW })] });
    });
    it('refuses a bed in an unknown ward', () => {
      given({}).when(spec.addBed, { wardId: WARD, label: '3E-1' }, withId(BED)).thenRejects('ward-not-found');
    });
    it('refuses a bed id that exists', () => {
      given({ ward: [wardDefined], bed: [bedAdded()] })
        .when(spec.addBed, { wardId: WARD, label: '3E-1' }, withId(BED))
        .thenRejects('bed-already-exists');
    });
    it('closes a free bed and a to-clean bed', () => {
      const closed = ev('BedClosed', { bedId: BED, reason: 'infection_control', closedAt: TEST_NOW });
      for (const history of [[bedAdded()], [bedAdded(), bedOccupied(), bedVacated()]]) {
        given({ bed: history })
          .when(spec.closeBed, { bedId: BED, reason: 'infection_control' })
          .thenEvents({ bed: [closed] });
      }
    });
    it('refuses to close a reserved or occupied bed', () => {
      for (const history of [
        [bedAdded(), bedReserved()],
        [bedAdded(), bedOccupied()],
      ]) {
        given({ bed: history }).when(spec.closeBed, { bedId: BED, reason: 'staffing' }).thenRejects('bed-in-use');
      }
    });
    it('refuses to close a closed bed, or an unknown one', () => {
      given({ bed: [bedAdded(), bedClosed] })
        .when(spec.closeBed, { bedId: BED, reason: 'other' })
        .thenRejects('bed-already-closed');
      given({}).when(spec.closeBed, { bedId: BED, reason: 'other' }).thenRejects('bed-not-found');
    });
    it('reopens a closed bed, and only a closed bed', () => {
      given({ bed: [bedAdded(), bedClosed] })
        .when(spec.reopenBed, { bedId: BED })
        .thenEvents({ bed: [ev('BedReopened', { bedId: BED, reopenedAt: TEST_NOW })] });
      given({ bed: [bedAdded()] })
        .when(spec.reopenBed, { bedId: BED })
        .thenRejects('bed-not-closed');
    });
    it('marks a to-clean bed clean, and only a to-clean bed', () => {
      given({ bed: [bedAdded(), bedOccupied(), bedVacated()] })
        .when(spec.markBedClean, { bedId: BED })
        .thenEvents({ bed: [ev('BedCleaned', { bedId: BED, cleanedAt: TEST_NOW })] });
      given({ bed: [bedAdded(), bedOccupied()] })
        .when(spec.markBedClean, { bedId: BED })
        .thenRejects('bed-not-to-clean');
    });
  });

  describe('request-admission', () => {
    const body = { patientId: PAT, wardId: WARD, reason: 'chest pain' };
    it('opens a planned stay and records it on the patient stream', () => {
      given({ patient: [registered()], ward: [wardDefined] })
        .when(spec.requestAdmission, body, withId(STAY))
        .thenEvents({
          stay: [
            ev('AdmissionRequested', {
              stayId: STAY,
              patientId: PAT,
              wardId: WARD,
              reason: 'chest pain',
              requestedAt: TEST_NOW,
            }),
          ],
          patient: [ev('StayOpened', { patientId: PAT, stayId: STAY, openedAt: TEST_NOW })],
        });
    });
    const refusals: [string, Record<string, DomainEvent[]>][] = [
      ['patient-not-found', { ward: [wardDefined] }],
      ['patient-voided', { patient: [registered(), merged], ward: [wardDefined] }],
      ['patient-deceased', { patient: [registered(), died], ward: [wardDefined] }],
      ['patient-has-active-stay', { patient: [registered(), stayOpened(STAY2)], ward: [wardDefined] }],
      ['ward-not-found', { patient: [registered()] }],
      ['stay-not-planned', { stay: [requested()], patient: [registered()], ward: [wardDefined] }],
    ];
    for (const [rule, history] of refusals) {
      it(`refuses: ${rule}`, () => {
        given(history).when(spec.requestAdmission, body, withId(STAY)).thenRejects(rule);
      });
    }
  });

  describe('reserve and release a bed', () => {
    it('reserves a free bed for a planned stay', () => {
      given({ stay: [requested()], bed: [bedAdded()] })
        .when(spec.reserveBed, { stayId: STAY, bedId: BED })
        .thenEvents({
          stay: [
            ev('BedReservedForStay', { stayId: STAY, patientId: PAT, bedId: BED, wardId: WARD, reservedAt: TEST_NOW }),
          ],
          bed: [ev('BedReserved', { bedId: BED, stayId: STAY, patientId: PAT, reservedAt: TEST_NOW })],
        });
    });
    const refusals: [string, Record<string, DomainEvent[]>][] = [
      ['stay-not-found', { bed: [bedAdded()] }],
      ['stay-not-planned', { stay: [requested(), admitted()], bed: [bedAdded()] }],
      ['stay-already-has-reservation', { stay: [requested(), reservedForStay(BED2)], bed: [bedAdded()] }],
      ['bed-not-found', { stay: [requested()] }],
      ['bed-not-free', { stay: [requested()], bed: [bedAdded(), bedReserved(BED, STAY2, PAT2)] }],
    ];
    for (const [rule, history] of refusals) {
      it(`refuses: ${rule}`, () => {
        given(history).when(spec.reserveBed, { stayId: STAY, bedId: BED }).thenRejects(rule);
      });
    }
    it('releases the reservation', () => {
      given({ stay: [requested(), reservedForStay()], bed: [bedAdded(), bedReserved()] })
        .when(spec.releaseBedReservation, { stayId: STAY, bedId: BED })
        .thenEvents({
          stay: [ev('StayReservationReleased', { stayId: STAY, patientId: PAT, bedId: BED, releasedAt: TEST_NOW })],
          bed: [ev('BedReservationReleased', { bedId: BED, stayId: STAY, releasedAt: TEST_NOW })],
        });
    });
    it('refuses to release a bed not reserved for the stay', () => {
      given({ stay: [requested()], bed: [bedAdded(), bedReserved(BED, STAY2, PAT2)] })
        .when(spec.releaseBedReservation, { stayId: STAY, bedId: BED })
        .thenRejects('no-reservation-on-bed');
    });
  });

  describe('admit-patient', () => {
    const body = { stayId: STAY, patientId: PAT, bedId: BED };
    const occupied = {
      stay: [ev('PatientAdmitted', { stayId: STAY, patientId: PAT, bedId: BED, wardId: WARD, admittedAt: TEST_NOW })],
      bed: [ev('BedOccupied', { bedId: BED, stayId: STAY, patientId: PAT, occupiedAt: TEST_NOW })],
    };
    const alive = [registered(), stayOpened()];
    it('admits to a free bed', () => {
      given({ stay: [requested()], bed: [bedAdded()], patient: alive })
        .when(spec.admitPatient, body)
        .thenEvents(occupied);
    });
    it('admits to the bed reserved for this stay', () => {
      given({ stay: [requested(), reservedForStay()], bed: [bedAdded(), bedReserved()], patient: alive })
        .when(spec.admitPatient, body)
        .thenEvents(occupied);
    });
    const refusals: [string, Record<string, DomainEvent[]>][] = [
      ['stay-not-found', { bed: [bedAdded()], patient: alive }],
      ['stay-not-planned', { stay: [requested(), admitted()], bed: [bedAdded()], patient: alive }],
      ['wrong-patient-for-stay', { stay: [requested(STAY, PAT2)], bed: [bedAdded()], patient: alive }],
      ['patient-deceased', { stay: [requested()], bed: [bedAdded()], patient: [...alive, died] }],
      ['patient-voided', { stay: [requested()], bed: [bedAdded()], patient: [registered(), merged] }],
      ['stay-reserved-another-bed', { stay: [requested(), reservedForStay(BED2)], bed: [bedAdded()], patient: alive }],
      ['bed-not-found', { stay: [requested()], patient: alive }],
      [
        'bed-reserved-for-another-stay',
        { stay: [requested()], bed: [bedAdded(), bedReserved(BED, STAY2, PAT2)], patient: alive },
      ],
      ['bed-not-free', { stay: [requested()], bed: [bedAdded(), bedOccupied(BED, STAY2, PAT2)], patient: alive }],
      [
        'bed-not-free',
        { stay: [requested()], bed: [bedAdded(), bedOccupied(BED, STAY2, PAT2), bedVacated()], patient: alive },
      ],
      ['bed-not-free', { stay: [requested()], bed: [bedAdded(), bedClosed], patient: alive }],
    ];
    for (const [rule, history] of refusals) {
      it(`refuses: ${rule} (${Object.values(history).flat().length} events)`, () => {
        given(history).when(spec.admitPatient, body).thenRejects(rule);
      });
    }
    it('of two admissions decided on one free bed, both claim the same bed revision (the append lets one through)', () => {
      // Both deciders see the bed at revision 0; the server appends each with expected revision 0,
      // so the store accepts exactly one. Here: the second, decided after the first is written, is refused.
      given({ stay: [requested(STAY2, PAT2)], bed: [bedAdded(), bedOccupied()], patient: [registered(PAT2)] })
        .when(spec.admitPatient, { stayId: STAY2, patientId: PAT2, bedId: BED })
        .thenRejects('bed-not-free');
      expect(Object.keys(spec.admitPatient.streams(spec.admitPatient.toCommand(body, testContext())))).to.include(
        'bed',
      );
    });
  });

  describe('transfer-patient', () => {
    const body = { stayId: STAY, fromBedId: BED, toBedId: BED2 };
    it('moves the patient to a free bed; the old bed goes to cleaning', () => {
      given({ stay: [requested(), admitted()], fromBed: [bedAdded(), bedOccupied()], toBed: [bedAdded(BED2, WARD2)] })
        .when(spec.transferPatient, body)
        .thenEvents({
          stay: [
            ev('PatientTransferred', {
              stayId: STAY,
              patientId: PAT,
              fromBedId: BED,
              toBedId: BED2,
              toWardId: WARD2,
              swappedWithStayId: null,
              transferredAt: TEST_NOW,
            }),
          ],
          fromBed: [ev('BedVacated', { bedId: BED, stayId: STAY, cause: 'transfer', vacatedAt: TEST_NOW })],
          toBed: [ev('BedOccupied', { bedId: BED2, stayId: STAY, patientId: PAT, occupiedAt: TEST_NOW })],
        });
    });
    const ok = { fromBed: [bedAdded(), bedOccupied()], toBed: [bedAdded(BED2)] };
    const refusals: [string, Record<string, DomainEvent[]>, object][] = [
      ['stay-not-found', ok, body],
      ['stay-not-in-progress', { ...ok, stay: [requested()] }, body],
      ['stay-not-in-progress', { ...ok, stay: [requested(), admitted(), onLeave] }, body],
      ['same-bed', { ...ok, stay: [requested(), admitted()] }, { ...body, toBedId: BED }],
      ['wrong-bed-for-stay', { ...ok, stay: [requested(), admitted(STAY, PAT, BED2)] }, body],
      ['bed-not-found', { stay: [requested(), admitted()], fromBed: ok.fromBed }, body],
      [
        'bed-not-free',
        { ...ok, stay: [requested(), admitted()], toBed: [bedAdded(BED2), bedReserved(BED2, STAY2)] },
        body,
      ],
    ];
    for (const [rule, history, b] of refusals) {
      it(`refuses: ${rule}`, () => {
        given(history).when(spec.transferPatient, b).thenRejects(rule);
      });
    }
  });

  describe('swap-beds', () => {
    const body = { firstStayId: STAY, firstBedId: BED, secondStayId: STAY2, secondBedId: BED2 };
    const history = {
      firstStay: [requested(), admitted()],
      secondStay: [requested(STAY2, PAT2), admitted(STAY2, PAT2, BED2)],
      firstBed: [bedAdded(), bedOccupied()],
      secondBed: [bedAdded(BED2), bedOccupied(BED2, STAY2, PAT2)],
    };
    it('swaps two patients; both beds stay occupied', () => {
      const moved = (stayId: string, patientId: string, fromBedId: string, toBedId: string, other: string) =>
        ev('PatientTransferred', {
          stayId,
          patientId,
          fromBedId,
          toBedId,
          toWardId: WARD,
          swappedWithStayId: other,
          transferredAt: TEST_NOW,
        });
      given(history)
        .when(spec.swapBeds, body)
        .thenEvents({
          firstStay: [moved(STAY, PAT, BED, BED2, STAY2)],
          secondStay: [moved(STAY2, PAT2, BED2, BED, STAY)],
          firstBed: [
            ev('BedOccupantSwapped', {
              bedId: BED,
              stayId: STAY2,
              patientId: PAT2,
              previousStayId: STAY,
              swappedAt: TEST_NOW,
            }),
          ],
          secondBed: [
            ev('BedOccupantSwapped', {
              bedId: BED2,
              stayId: STAY,
              patientId: PAT,
              previousStayId: STAY2,
              swappedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: swap-with-self', () => {
      given(history)
        .when(spec.swapBeds, { ...body, secondStayId: STAY })
        .thenRejects('swap-with-self');
    });
    it('refuses: stay-not-found', () => {
      given({ ...history, secondStay: [] })
        .when(spec.swapBeds, body)
        .thenRejects('stay-not-found');
    });
    it('refuses: stay-not-in-progress', () => {
      given({ ...history, secondStay: [requested(STAY2, PAT2)] })
        .when(spec.swapBeds, body)
        .thenRejects('stay-not-in-progress');
    });
    it('refuses: wrong-bed-for-stay', () => {
      given(history)
        .when(spec.swapBeds, { ...body, firstBedId: BED2, secondBedId: BED })
        .thenRejects('wrong-bed-for-stay');
    });
  });

  describe('leave', () => {
    it('starts and ends leave', () => {
      given({ stay: [requested(), admitted()] })
        .when(spec.startLeave, { stayId: STAY, expectedReturnAt: '2025-03-02T18:00:00+01:00' })
        .thenEvents({
          stay: [
            ev('LeaveStarted', {
              stayId: STAY,
              patientId: PAT,
              expectedReturnAt: '2025-03-02T17:00:00.000Z',
              startedAt: TEST_NOW,
            }),
          ],
        });
      given({ stay: [requested(), admitted(), onLeave] })
        .when(spec.endLeave, { stayId: STAY })
        .thenEvents({ stay: [ev('LeaveEnded', { stayId: STAY, patientId: PAT, endedAt: TEST_NOW })] });
    });
    it('refuses leave for a stay not in progress, and return for a stay not on leave', () => {
      given({ stay: [requested()] })
        .when(spec.startLeave, { stayId: STAY })
        .thenRejects('stay-not-in-progress');
      given({ stay: [requested(), admitted()] })
        .when(spec.endLeave, { stayId: STAY })
        .thenRejects('stay-not-on-leave');
      given({}).when(spec.endLeave, { stayId: STAY }).thenRejects('stay-not-found');
    });
  });

  describe('scheduled discharge', () => {
    const scheduled = ev('DischargeScheduled', { stayId: STAY, patientId: PAT, plannedFor: T0, scheduledAt: T0 });
    // The body's range is checked against the server's clock (the request's now), not TEST_NOW.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    it('schedules a discharge, keeping the bed', () => {
      given({ stay: [requested(), admitted()] })
        .when(spec.scheduleDischarge, { stayId: STAY, plannedFor: tomorrow })
        .thenEvents({
          stay: [
            ev('DischargeScheduled', {
              stayId: STAY,
              patientId: PAT,
              plannedFor: tomorrow,
              scheduledAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses to schedule for a stay not admitted', () => {
      given({ stay: [requested()] })
        .when(spec.scheduleDischarge, { stayId: STAY, plannedFor: tomorrow })
        .thenRejects('stay-not-admitted');
    });
    it('cancels a scheduled discharge', () => {
      given({ stay: [requested(), admitted(), scheduled] })
        .when(spec.cancelScheduledDischarge, { stayId: STAY })
        .thenEvents({
          stay: [ev('ScheduledDischargeCancelled', { stayId: STAY, patientId: PAT, cancelledAt: TEST_NOW })],
        });
    });
    it('refuses to cancel when nothing is scheduled, or the stay is not admitted', () => {
      given({ stay: [requested(), admitted()] })
        .when(spec.cancelScheduledDischarge, { stayId: STAY })
        .thenRejects('no-discharge-scheduled');
      given({ stay: [requested()] })
        .when(spec.cancelScheduledDischarge, { stayId: STAY })
        .thenRejects('stay-not-admitted');
    });
  });

  describe('discharge-patient', () => {
    const body = { stayId: STAY, patientId: PAT, bedId: BED, reason: 'home', disposition: 'home' };
    const history = {
      stay: [requested(), admitted()],
      bed: [bedAdded(), bedOccupied()],
      patient: [registered(), stayOpened()],
    };
    it('finishes the stay, releases the bed to cleaning and closes the stay on the patient stream', () => {
      given(history)
        .when(spec.dischargePatient, body)
        .thenEvents({
          stay: [
            ev('PatientDischarged', {
              stayId: STAY,
              patientId: PAT,
              bedId: BED,
              reason: 'home',
              disposition: 'home',
              dischargedAt: TEST_NOW,
              unbilledCharges: 0,
            }),
          ],
          bed: [ev('BedVacated', { bedId: BED, stayId: STAY, cause: 'discharge', vacatedAt: TEST_NOW })],
          patient: [ev('StayClosed', { patientId: PAT, stayId: STAY, outcome: 'discharged', closedAt: TEST_NOW })],
        });
    });
    it('discharges a patient who died on leave straight from leave, releasing the held bed', () => {
      const death = { ...body, reason: 'death', disposition: 'exp' };
      given({ ...history, stay: [requested(), admitted(), onLeave] })
        .when(spec.dischargePatient, death)
        .thenEvents({
          stay: [
            ev('PatientDischarged', {
              stayId: STAY,
              patientId: PAT,
              bedId: BED,
              reason: 'death',
              disposition: 'exp',
              dischargedAt: TEST_NOW,
              unbilledCharges: 0,
            }),
          ],
          bed: [ev('BedVacated', { bedId: BED, stayId: STAY, cause: 'discharge', vacatedAt: TEST_NOW })],
          patient: [ev('StayClosed', { patientId: PAT, stayId: STAY, outcome: 'discharged', closedAt: TEST_NOW })],
        });
    });
    it('refuses a reason outside home, transfer, death, against advice', () => {
      expect(spec.dischargePatient.body.safeParse({ ...body, reason: 'bored' }).success).to.equal(false);
    });
    describe('discharge guard (unbilled charges on the stay’s billing account)', () => {
      const CHARGE = testId(50);
      const CHARGE2 = testId(51);
      const INVOICE = testId(60);
      const captured = (chargeId: string) =>
        ev('ChargeCaptured', {
          accountId: STAY,
          chargeId,
          source: 'lab_order',
          sourceId: testId(70),
          serviceCode: 'lab:2345-7',
          description: 'Glucose',
          quantity: 1,
          unitPrice: 1_200,
          netAmount: 1_200,
          taxBasisPoints: 0,
          taxAmount: 0,
          totalAmount: 1_200,
          currency: 'EUR',
          serviceDate: '2025-02-01',
          capturedAt: T0,
        });
      const invoiced = (chargeIds: string[]) =>
        ev('InvoiceIssued', {
          accountId: STAY,
          invoiceId: INVOICE,
          invoiceNumber: 1,
          chargeIds,
          netAmount: 1_200,
          taxAmount: 0,
          totalAmount: 1_200,
          currency: 'EUR',
          correctsInvoiceId: null,
          issuedAt: T0,
        });
      const discharged = (reason: string, disposition: string, unbilledCharges: number) => ({
        stay: [
          ev('PatientDischarged', {
            stayId: STAY,
            patientId: PAT,
            bedId: BED,
            reason,
            disposition,
            dischargedAt: TEST_NOW,
            unbilledCharges,
          }),
        ],
        bed: [ev('BedVacated', { bedId: BED, stayId: STAY, cause: 'discharge', vacatedAt: TEST_NOW })],
        patient: [ev('StayClosed', { patientId: PAT, stayId: STAY, outcome: 'discharged', closedAt: TEST_NOW })],
      });
      const policy = (dischargeWithUnbilledCharges: 'refuse' | 'warn' | 'allow') => ({
        hospital: [
          hospitalRegistered(),
          hospitalSettingsChanged(1, TEST_HOSPITAL_REGISTERED_AT, { dischargeWithUnbilledCharges }),
        ],
      });

      it('refuses a discharge while a charge is unbilled, under the default policy (refuse)', () => {
        given({ ...history, billing: [captured(CHARGE)] })
          .when(spec.dischargePatient, body)
          .thenRejects('discharge-with-unbilled-charges');
      });
      it('says what to do: issue the invoice or mark the charges not billable', () => {
        expect(ADMISSION_RULES['discharge-with-unbilled-charges']).to.match(/issue-invoice/);
        expect(ADMISSION_RULES['discharge-with-unbilled-charges']).to.match(/not billable/);
      });
      it('discharges once every charge is invoiced', () => {
        given({ ...history, billing: [captured(CHARGE), invoiced([CHARGE])] })
          .when(spec.dischargePatient, body)
          .thenEvents(discharged('home', 'home', 0));
      });
      it('discharges once the charges are marked not billable or voided', () => {
        const notBillable = ev('ChargeMarkedNotBillable', {
          accountId: STAY,
          chargeId: CHARGE,
          reason: 'absorbed',
          markedAt: T0,
        });
        const voided = ev('ChargeVoided', {
          accountId: STAY,
          chargeId: CHARGE2,
          reason: 'entered in error',
          voidedAt: T0,
        });
        given({ ...history, billing: [captured(CHARGE), captured(CHARGE2), notBillable, voided] })
          .when(spec.dischargePatient, body)
          .thenEvents(discharged('home', 'home', 0));
      });
      it('refuses again when a credit note makes an invoiced line unbilled', () => {
        const credited = ev('CreditNoteIssued', {
          accountId: STAY,
          creditNoteId: testId(61),
          creditNoteNumber: 2,
          invoiceId: INVOICE,
          chargeIds: [CHARGE],
          totalAmount: 1_200,
          reason: 'wrong test',
          issuedAt: T0,
        });
        given({ ...history, billing: [captured(CHARGE), invoiced([CHARGE]), credited] })
          .when(spec.dischargePatient, body)
          .thenRejects('discharge-with-unbilled-charges');
      });
      it('discharges with unbilled charges under the policy warn, recording how many', () => {
        given({ ...history, billing: [captured(CHARGE), captured(CHARGE2)] }, policy('warn'))
          .when(spec.dischargePatient, body)
          .thenEvents(discharged('home', 'home', 2));
      });
      it('discharges with unbilled charges under the policy allow, recording how many', () => {
        given({ ...history, billing: [captured(CHARGE)] }, policy('allow'))
          .when(spec.dischargePatient, body)
          .thenEvents(discharged('home', 'home', 1));
      });
      it('applies the policy in force at the discharge, not a later one', () => {
        const later = {
          hospital: [
            hospitalRegistered(),
            hospitalSettingsChanged(1, '2099-01-01T00:00:00.000Z', { dischargeWithUnbilledCharges: 'allow' }),
          ],
        };
        given({ ...history, billing: [captured(CHARGE)] }, later)
          .when(spec.dischargePatient, body)
          .thenRejects('discharge-with-unbilled-charges');
      });
      it('never refuses a death: the stay ends and the unbilled charges are recorded', () => {
        given({ ...history, billing: [captured(CHARGE)] })
          .when(spec.dischargePatient, { ...body, reason: 'death', disposition: 'exp' })
          .thenEvents(discharged('death', 'exp', 1));
      });
    });
    const refusals: [string, Record<string, DomainEvent[]>, object][] = [
      ['stay-not-found', { ...history, stay: [] }, body],
      ['patient-on-leave', { ...history, stay: [requested(), admitted(), onLeave] }, body],
      ['stay-not-in-progress', { ...history, stay: [requested()] }, body],
      ['stay-not-in-progress', { ...history, stay: [requested()] }, { ...body, reason: 'death' }],
      ['wrong-patient-for-stay', history, { ...body, patientId: PAT2 }],
      ['wrong-bed-for-stay', history, { ...body, bedId: BED2 }],
    ];
    for (const [rule, h, b] of refusals) {
      it(`refuses: ${rule}`, () => {
        given(h).when(spec.dischargePatient, b).thenRejects(rule);
      });
    }
  });

  describe('cancel-admission', () => {
    const body = { stayId: STAY, patientId: PAT, reason: 'patient_declined' };
    const cancelled = {
      stay: [
        ev('AdmissionCancelled', { stayId: STAY, patientId: PAT, reason: 'patient_declined', cancelledAt: TEST_NOW }),
      ],
      patient: [ev('StayClosed', { patientId: PAT, stayId: STAY, outcome: 'cancelled', closedAt: TEST_NOW })],
    };
    it('cancels a planned stay and closes it on the patient stream', () => {
      given({ stay: [requested()], patient: [registered(), stayOpened()] })
        .when(spec.cancelAdmission, body)
        .thenEvents(cancelled);
    });
    it('releases the reserved bed in the same decision', () => {
      given({
        stay: [requested(), reservedForStay()],
        patient: [registered(), stayOpened()],
        'bed:reserved': [bedAdded(), bedReserved()],
      })
        .when(spec.cancelAdmission, { ...body, reservedBedId: BED })
        .thenEvents({
          ...cancelled,
          'bed:reserved': [ev('BedReservationReleased', { bedId: BED, stayId: STAY, releasedAt: TEST_NOW })],
        });
    });
    const refusals: [string, Record<string, DomainEvent[]>, object][] = [
      ['stay-not-found', {}, body],
      ['stay-not-planned', { stay: [requested(), admitted()] }, body],
      ['wrong-patient-for-stay', { stay: [requested(STAY, PAT2)] }, body],
      ['reserved-bed-not-named', { stay: [requested(), reservedForStay()] }, body],
      ['reserved-bed-not-named', { stay: [requested()] }, { ...body, reservedBedId: BED }],
    ];
    for (const [rule, h, b] of refusals) {
      it(`refuses: ${rule}`, () => {
        given(h).when(spec.cancelAdmission, b).thenRejects(rule);
      });
    }
  });

  describe('command specs', () => {
    it('declares every command once, kebab-named, with roles, in the admissions module', () => {
      const names = spec.admissionsCommands.map((s) => s.name);
      expect(new Set(names).size).to.equal(names.length);
      for (const s of spec.admissionsCommands) {
        expect(s.module).to.equal('admissions');
        expect(s.name).to.match(/^[a-z]+(-[a-z]+)*$/);
        expect(s.roles).to.not.be.empty;
      }
    });
    it('documents every rule code in kebab-case', () => {
      for (const code of Object.keys(ADMISSION_RULES)) expect(code).to.match(/^[a-z]+(-[a-z0-9]+)*$/);
    });
  });
});
