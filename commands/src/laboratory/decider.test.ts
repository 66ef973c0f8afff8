import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_NOW, testContext, testId } from '../shared/given-when-then.js';
import { LABORATORY_RULES } from './rules.js';
import * as spec from './specs.js';

const T0 = '2025-02-01T00:00:00.000Z';
const ORDER = testId(1);
const PAT = testId(2);
const STAY = testId(3);
const WARD = testId(4);
const WARD2 = testId(5);
const SPECIMEN = testId(6);
const K = '2823-3'; // potassium
const NA = '2951-2'; // sodium
const GROUP = '882-1'; // ABO and Rh group (coded)
const NOTE = '11529-5'; // text
const BMP = '51990-0';
const ACC1 = 'L00000001D';
const ACC2 = 'L00000002B';

const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });

const potassiumDefined = ev('LabTestDefined', {
  testCode: K,
  name: 'Potassium',
  section: 'chemistry',
  specimenType: 'serum',
  resultKind: 'numeric',
  unit: 'mmol/L',
  codedValues: [],
  turnaroundStatMinutes: 45,
  turnaroundAsapMinutes: null,
  turnaroundUrgentMinutes: null,
  turnaroundRoutineMinutes: null,
  definedAt: T0,
});
const sodiumDefined = ev('LabTestDefined', {
  ...(potassiumDefined.data as Record<string, unknown>),
  testCode: NA,
  name: 'Sodium',
  turnaroundStatMinutes: null,
});
const groupDefined = ev('LabTestDefined', {
  testCode: GROUP,
  name: 'ABO and Rh group',
  section: 'blood_bank',
  specimenType: 'whole_blood',
  resultKind: 'coded',
  unit: null,
  codedValues: [
    { code: 'O+', display: 'O RhD positive', abnormal: false },
    { code: 'weak-D', display: 'Weak D', abnormal: true },
  ],
  turnaroundStatMinutes: null,
  turnaroundAsapMinutes: null,
  turnaroundUrgentMinutes: null,
  turnaroundRoutineMinutes: null,
  definedAt: T0,
});
const noteDefined = ev('LabTestDefined', {
  ...(groupDefined.data as Record<string, unknown>),
  testCode: NOTE,
  name: 'Film comment',
  section: 'haematology',
  resultKind: 'text',
  codedValues: [],
});
const adultRange = {
  sex: 'any',
  minAgeDays: 6570,
  maxAgeDays: null,
  low: 3.5,
  high: 5.1,
  criticalLow: 2.5,
  criticalHigh: 6.5,
};
const childRange = {
  sex: 'any',
  minAgeDays: 0,
  maxAgeDays: 6570,
  low: 3.4,
  high: 4.7,
  criticalLow: 2.5,
  criticalHigh: 6.0,
};
const rangesSet = (version = 1, ranges: unknown[] = [adultRange, childRange]) =>
  ev('LabReferenceRangesSet', { testCode: K, rangesVersion: version, ranges, setAt: T0 });

const registered = (birthDate = '1980-05-01', sex = 'female') =>
  ev('PatientRegistered', {
    patientId: PAT,
    mrn: '00000018',
    givenName: 'Ada',
    familyName: 'Lovelace',
    birthDate,
    sex,
    nationalId: null,
    address: null,
    phone: null,
    registeredAt: T0,
  });
const died = ev('PatientDeathRecorded', { patientId: PAT, diedAt: T0, causeCode: null, recordedAt: T0 });
const merged = ev('PatientMergedInto', { patientId: PAT, survivorPatientId: testId(99), mergedAt: T0 });
const stayOpened = ev('StayOpened', { patientId: PAT, stayId: STAY, openedAt: T0 });
const admissionRequested = ev('AdmissionRequested', {
  stayId: STAY,
  patientId: PAT,
  wardId: WARD,
  reason: null,
  requestedAt: T0,
});

const ordered = (testCode = K, extra: Record<string, unknown> = {}) =>
  ev('LabTestOrdered', {
    orderId: ORDER,
    testCode,
    testName: testCode === K ? 'Potassium' : 'Sodium',
    section: 'chemistry',
    specimenType: 'serum',
    panelCode: null,
    patientId: PAT,
    stayId: null,
    wardId: WARD,
    priority: 'stat',
    orderingPractitionerId: 'dr-1',
    turnaroundTargetMinutes: 45,
    orderedAt: T0,
    ...extra,
  });
const collected = (accessionNumber = ACC1) =>
  ev('LabSpecimenCollected', {
    orderId: ORDER,
    patientId: PAT,
    specimenId: SPECIMEN,
    accessionNumber,
    specimenType: 'serum',
    collectedBy: 'nurse-1',
    collectedAt: T0,
  });
const received = (accessionNumber = ACC1) =>
  ev('LabSpecimenReceived', { orderId: ORDER, specimenId: SPECIMEN, accessionNumber, receivedAt: T0 });
const rejected = ev('LabSpecimenRejected', {
  orderId: ORDER,
  patientId: PAT,
  specimenId: SPECIMEN,
  accessionNumber: ACC1,
  reason: 'haemolysed',
  note: null,
  rejectedAt: T0,
});
const resulted = (value = 4.2, flag = 'normal', testCode = K, enteredBy = 'user-1') =>
  ev('LabResultRecorded', {
    orderId: ORDER,
    patientId: PAT,
    testCode,
    accessionNumber: ACC1,
    valueNumber: value,
    valueCode: null,
    valueText: null,
    unit: 'mmol/L',
    flag,
    rangeLow: 3.5,
    rangeHigh: 5.1,
    criticalLow: 2.5,
    criticalHigh: 6.5,
    rangesVersion: 1,
    performer: null,
    comment: null,
    enteredBy,
    recordedAt: T0,
  });
const criticalRaised = (value = 7.1) =>
  ev('LabCriticalResultRaised', {
    orderId: ORDER,
    patientId: PAT,
    testCode: K,
    wardId: WARD,
    flag: 'critically_high',
    valueNumber: value,
    unit: 'mmol/L',
    raisedAt: T0,
  });
const verified = ev('LabResultVerified', {
  orderId: ORDER,
  patientId: PAT,
  testCode: K,
  verifiedBy: 'supervisor-1',
  verifiedAt: T0,
});
const referred = ev('LabTestReferredOut', {
  orderId: ORDER,
  patientId: PAT,
  testCode: K,
  laboratory: 'Reference Lab',
  referredAt: T0,
});
const cancelled = ev('LabOrderCancelled', {
  orderId: ORDER,
  patientId: PAT,
  testCodes: [K],
  reason: 'duplicate',
  cancelledAt: T0,
});

/** The actor the command is sent as (the verifier must not be the person who entered a result). */
const as = (actorId: string, ids: string[] = []) => ({
  ...testContext(ids),
  actor: { id: actorId, role: 'lab_supervisor' as const },
});

const readyOrder = [ordered(), collected(), received()];
const potassiumStreams = (order: DomainEvent[], patient: DomainEvent[] = [registered()]) => ({
  order,
  test: [potassiumDefined, rangesSet()],
  patient,
});
const recordedValue = (value: number, flag: string, range: Record<string, unknown> = adultRange, extra = {}) =>
  ev('LabResultRecorded', {
    orderId: ORDER,
    patientId: PAT,
    testCode: K,
    accessionNumber: ACC1,
    valueNumber: value,
    valueCode: null,
    valueText: null,
    unit: 'mmol/L',
    flag,
    rangeLow: range.low,
    rangeHigh: range.high,
    criticalLow: range.criticalLow,
    criticalHigh: range.criticalHigh,
    rangesVersion: 1,
    performer: null,
    comment: null,
    enteredBy: 'user-1',
    recordedAt: TEST_NOW,
    ...extra,
  });

describe('laboratory decider', () => {
  it('every rule has a message that says what to do', () => {
    for (const [rule, message] of Object.entries(LABORATORY_RULES)) expect(message, rule).to.match(/\.$/);
  });

  describe('test catalogue', () => {
    const potassium = {
      testCode: K,
      name: 'Potassium',
      section: 'chemistry',
      specimenType: 'serum',
      resultKind: 'numeric',
      unit: 'mmol/L',
      turnaroundMinutes: { stat: 45 },
    };
    it('defines a numeric test with its unit and turnaround targets', () => {
      given({})
        .when(spec.defineTest, potassium)
        .thenEvents({
          test: [{ ...potassiumDefined, data: { ...(potassiumDefined.data as object), definedAt: TEST_NOW } }],
        });
    });
    it('refuses: test-already-defined', () => {
      given({ test: [potassiumDefined] })
        .when(spec.defineTest, potassium)
        .thenRejects('test-already-defined');
    });
    it('refuses: unit-required (numeric without a unit)', () => {
      given({})
        .when(spec.defineTest, { ...potassium, unit: undefined })
        .thenRejects('unit-required');
    });
    it('refuses: unit-not-allowed (a coded test with a unit)', () => {
      given({})
        .when(spec.defineTest, {
          ...potassium,
          resultKind: 'coded',
          codedValues: [{ code: 'pos', display: 'Positive', abnormal: true }],
        })
        .thenRejects('unit-not-allowed');
    });
    it('refuses: coded-values-required', () => {
      given({})
        .when(spec.defineTest, { ...potassium, resultKind: 'coded', unit: undefined })
        .thenRejects('coded-values-required');
    });
    it('refuses: coded-values-not-allowed', () => {
      given({})
        .when(spec.defineTest, { ...potassium, codedValues: [{ code: 'pos', display: 'Positive', abnormal: true }] })
        .thenRejects('coded-values-not-allowed');
    });

    const ranges = [
      { sex: 'any', minAgeDays: 6570, low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 },
      { sex: 'any', minAgeDays: 0, maxAgeDays: 6570, low: 3.4, high: 4.7, criticalLow: 2.5, criticalHigh: 6.0 },
    ];
    it('sets reference ranges by age band, version 1 then 2', () => {
      given({ test: [potassiumDefined] })
        .when(spec.setReferenceRanges, { testCode: K, ranges })
        .thenEvents({ test: [{ ...rangesSet(1), data: { ...(rangesSet(1).data as object), setAt: TEST_NOW } }] });
      given({ test: [potassiumDefined, rangesSet(1)] })
        .when(spec.setReferenceRanges, { testCode: K, ranges: ranges.slice(0, 1) })
        .thenEvents({
          test: [ev('LabReferenceRangesSet', { testCode: K, rangesVersion: 2, ranges: [adultRange], setAt: TEST_NOW })],
        });
    });
    it('refuses ranges: test-not-found', () => {
      given({}).when(spec.setReferenceRanges, { testCode: K, ranges }).thenRejects('test-not-found');
    });
    it('refuses ranges: ranges-need-numeric-test', () => {
      given({ test: [groupDefined] })
        .when(spec.setReferenceRanges, { testCode: K, ranges })
        .thenRejects('ranges-need-numeric-test');
    });
    it('refuses ranges: range-limits-out-of-order (low above high, critical inside normal, ages reversed)', () => {
      for (const bad of [
        { sex: 'any', minAgeDays: 0, low: 5, high: 4 },
        { sex: 'any', minAgeDays: 0, low: 3.5, high: 5.1, criticalHigh: 5 },
        { sex: 'any', minAgeDays: 100, maxAgeDays: 50, low: 3.5 },
      ])
        given({ test: [potassiumDefined] })
          .when(spec.setReferenceRanges, { testCode: K, ranges: [bad] })
          .thenRejects('range-limits-out-of-order');
    });
    it('refuses ranges: ranges-overlap (female range inside an any-sex band)', () => {
      given({ test: [potassiumDefined] })
        .when(spec.setReferenceRanges, {
          testCode: K,
          ranges: [...ranges, { sex: 'female', minAgeDays: 7000, low: 3.6, high: 5.0 }],
        })
        .thenRejects('ranges-overlap');
    });
    it('accepts female and male ranges for the same ages', () => {
      given({ test: [potassiumDefined] })
        .when(spec.setReferenceRanges, {
          testCode: K,
          ranges: [
            { sex: 'female', minAgeDays: 0, low: 3.6 },
            { sex: 'male', minAgeDays: 0, low: 3.7 },
          ],
        })
        .thenEvents({
          test: [
            ev('LabReferenceRangesSet', {
              testCode: K,
              rangesVersion: 1,
              ranges: [
                {
                  sex: 'female',
                  minAgeDays: 0,
                  maxAgeDays: null,
                  low: 3.6,
                  high: null,
                  criticalLow: null,
                  criticalHigh: null,
                },
                {
                  sex: 'male',
                  minAgeDays: 0,
                  maxAgeDays: null,
                  low: 3.7,
                  high: null,
                  criticalLow: null,
                  criticalHigh: null,
                },
              ],
              setAt: TEST_NOW,
            }),
          ],
        });
    });

    it('defines a panel of defined tests on one specimen type', () => {
      given({ 'test:2823-3': [potassiumDefined], 'test:2951-2': [sodiumDefined] })
        .when(spec.definePanel, { panelCode: BMP, name: 'Electrolytes', testCodes: [K, NA] })
        .thenEvents({
          panel: [
            ev('LabPanelDefined', { panelCode: BMP, name: 'Electrolytes', testCodes: [K, NA], definedAt: TEST_NOW }),
          ],
        });
    });
    it('refuses a panel: panel-already-defined', () => {
      given({
        panel: [ev('LabPanelDefined', { panelCode: BMP, name: 'x', testCodes: [K, NA], definedAt: T0 })],
        'test:2823-3': [potassiumDefined],
        'test:2951-2': [sodiumDefined],
      })
        .when(spec.definePanel, { panelCode: BMP, name: 'Electrolytes', testCodes: [K, NA] })
        .thenRejects('panel-already-defined');
    });
    it('refuses a panel: test-not-found', () => {
      given({ 'test:2823-3': [potassiumDefined] })
        .when(spec.definePanel, { panelCode: BMP, name: 'Electrolytes', testCodes: [K, NA] })
        .thenRejects('test-not-found');
    });
    it('refuses a panel: panel-specimen-types-differ', () => {
      given({ 'test:2823-3': [potassiumDefined], 'test:882-1': [groupDefined] })
        .when(spec.definePanel, { panelCode: BMP, name: 'Mixed', testCodes: [K, GROUP] })
        .thenRejects('panel-specimen-types-differ');
    });
  });

  describe('orders', () => {
    const body = { patientId: PAT, testCode: K, priority: 'stat', wardId: WARD };
    const expected = (extra: Record<string, unknown> = {}) => ({
      ...ordered(K, { orderedAt: TEST_NOW, orderingPractitionerId: 'user-1', ...extra }),
    });
    it('orders one test for a registered patient, with the test’s own stat target', () => {
      given({ patient: [registered()], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, body, testContext([ORDER]))
        .thenEvents({ order: [expected()] });
    });
    it('takes the hospital’s target when the test has none for the priority (routine: 1440 min)', () => {
      given({ patient: [registered()], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, { ...body, priority: 'routine' }, testContext([ORDER]))
        .thenEvents({ order: [expected({ priority: 'routine', turnaroundTargetMinutes: 1440 })] });
    });
    it('names the patient’s stay, and its ward when the order names none', () => {
      given({ patient: [registered(), stayOpened], stay: [admissionRequested], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, { patientId: PAT, testCode: K, priority: 'stat' }, testContext([ORDER]))
        .thenEvents({ order: [expected({ stayId: STAY, wardId: WARD })] });
      given({ patient: [registered(), stayOpened], stay: [admissionRequested], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, { ...body, wardId: WARD2 }, testContext([ORDER]))
        .thenEvents({ order: [expected({ stayId: STAY, wardId: WARD2 })] });
    });
    it('orders a panel: one LabTestOrdered per test, naming the panel', () => {
      given({
        patient: [registered()],
        panel: [ev('LabPanelDefined', { panelCode: BMP, name: 'Electrolytes', testCodes: [K, NA], definedAt: T0 })],
        'test:2823-3': [potassiumDefined],
        'test:2951-2': [sodiumDefined],
      })
        .when(
          spec.orderTests,
          { patientId: PAT, panelCode: BMP, priority: 'urgent', wardId: WARD },
          testContext([ORDER]),
        )
        .thenEvents({
          order: [
            expected({ panelCode: BMP, priority: 'urgent', turnaroundTargetMinutes: 240 }),
            expected({
              testCode: NA,
              testName: 'Sodium',
              panelCode: BMP,
              priority: 'urgent',
              turnaroundTargetMinutes: 240,
            }),
          ],
        });
    });
    it('asap takes the hospital’s asap target (120 min by default)', () => {
      given({ patient: [registered()], 'test:2951-2': [sodiumDefined] })
        .when(spec.orderTests, { ...body, testCode: NA, priority: 'asap' }, testContext([ORDER]))
        .thenEvents({
          order: [expected({ testCode: NA, testName: 'Sodium', priority: 'asap', turnaroundTargetMinutes: 120 })],
        });
    });
    it('refuses: patient-not-found, patient-voided, patient-deceased', () => {
      given({ 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, body)
        .thenRejects('patient-not-found');
      given({ patient: [registered(), merged], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, body)
        .thenRejects('patient-voided');
      given({ patient: [registered(), died], 'test:2823-3': [potassiumDefined] })
        .when(spec.orderTests, body)
        .thenRejects('patient-deceased');
    });
    it('refuses: test-not-found, panel-not-found', () => {
      given({ patient: [registered()] })
        .when(spec.orderTests, body)
        .thenRejects('test-not-found');
      given({ patient: [registered()] })
        .when(spec.orderTests, { patientId: PAT, panelCode: BMP, priority: 'stat' })
        .thenRejects('panel-not-found');
    });
    it('refuses a body with both or neither of testCode and panelCode (400, naming the field)', () => {
      expect(spec.orderTests.body.safeParse({ patientId: PAT, priority: 'stat' }).error?.issues[0]?.path).to.deep.equal(
        ['testCode'],
      );
      expect(spec.orderTests.body.safeParse({ ...body, panelCode: BMP }).error?.issues[0]?.path).to.deep.equal([
        'panelCode',
      ]);
    });

    it('cancels an order before any result is final', () => {
      given({ order: [ordered(), collected(), received(), resulted()] })
        .when(spec.cancelOrder, { orderId: ORDER, reason: 'duplicate' })
        .thenEvents({ order: [{ ...cancelled, data: { ...(cancelled.data as object), cancelledAt: TEST_NOW } }] });
    });
    it('refuses to cancel: order-not-found, order-cancelled, order-has-final-result', () => {
      given({}).when(spec.cancelOrder, { orderId: ORDER, reason: 'duplicate' }).thenRejects('order-not-found');
      given({ order: [ordered(), cancelled] })
        .when(spec.cancelOrder, { orderId: ORDER, reason: 'duplicate' })
        .thenRejects('order-cancelled');
      given({ order: [...readyOrder, resulted(), verified] })
        .when(spec.cancelOrder, { orderId: ORDER, reason: 'duplicate' })
        .thenRejects('order-has-final-result');
    });
  });

  describe('specimens', () => {
    it('collects a specimen with the registry’s next accession number (check character included)', () => {
      given({ order: [ordered()] })
        .when(spec.collectSpecimen, { orderId: ORDER }, as('nurse-1', [SPECIMEN]))
        .thenEvents({
          order: [{ ...collected(), data: { ...(collected().data as object), collectedAt: TEST_NOW } }],
          accession: [
            ev('LabAccessionNumberAssigned', {
              sequence: 1,
              accessionNumber: ACC1,
              orderId: ORDER,
              specimenId: SPECIMEN,
              assignedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('continues the hospital’s sequence after the last number given', () => {
      const last = ev('LabAccessionNumberAssigned', {
        sequence: 1,
        accessionNumber: ACC1,
        orderId: testId(50),
        specimenId: testId(51),
        assignedAt: T0,
      });
      given({ order: [ordered()], accession: [last] })
        .when(spec.collectSpecimen, { orderId: ORDER }, as('nurse-1', [SPECIMEN]))
        .thenEvents({
          order: [{ ...collected(ACC2), data: { ...(collected(ACC2).data as object), collectedAt: TEST_NOW } }],
          accession: [
            ev('LabAccessionNumberAssigned', {
              sequence: 2,
              accessionNumber: ACC2,
              orderId: ORDER,
              specimenId: SPECIMEN,
              assignedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses to collect: order-not-found, order-cancelled, specimen-already-collected, order-complete', () => {
      given({}).when(spec.collectSpecimen, { orderId: ORDER }).thenRejects('order-not-found');
      given({ order: [ordered(), cancelled] })
        .when(spec.collectSpecimen, { orderId: ORDER })
        .thenRejects('order-cancelled');
      given({ order: [ordered(), collected()] })
        .when(spec.collectSpecimen, { orderId: ORDER })
        .thenRejects('specimen-already-collected');
      given({ order: [...readyOrder, resulted(), rejected] })
        .when(spec.collectSpecimen, { orderId: ORDER })
        .thenRejects('order-complete');
    });
    it('collects again after a rejection (the order went back to awaiting collection)', () => {
      given({ order: [ordered(), collected(), rejected] })
        .when(spec.collectSpecimen, { orderId: ORDER }, as('nurse-1', [SPECIMEN]))
        .thenEvents({
          order: [{ ...collected(), data: { ...(collected().data as object), collectedAt: TEST_NOW } }],
          accession: [
            ev('LabAccessionNumberAssigned', {
              sequence: 1,
              accessionNumber: ACC1,
              orderId: ORDER,
              specimenId: SPECIMEN,
              assignedAt: TEST_NOW,
            }),
          ],
        });
    });

    it('receives the specimen by its label', () => {
      given({ order: [ordered(), collected()] })
        .when(spec.receiveSpecimen, { orderId: ORDER, accessionNumber: ACC1.toLowerCase() })
        .thenEvents({ order: [{ ...received(), data: { ...(received().data as object), receivedAt: TEST_NOW } }] });
    });
    it('receives the order’s current specimen when no label is scanned', () => {
      given({ order: [ordered(), collected()] })
        .when(spec.receiveSpecimen, { orderId: ORDER })
        .thenEvents({ order: [{ ...received(), data: { ...(received().data as object), receivedAt: TEST_NOW } }] });
    });
    it('refuses a label whose check character is wrong (400 before anything is loaded)', () => {
      const result = spec.receiveSpecimen.body.safeParse({ orderId: ORDER, accessionNumber: 'L00000001E' });
      expect(result.error?.issues[0]?.path).to.deep.equal(['accessionNumber']);
    });
    it('refuses to receive: specimen-not-collected, wrong-specimen, specimen-already-received', () => {
      given({ order: [ordered()] })
        .when(spec.receiveSpecimen, { orderId: ORDER, accessionNumber: ACC1 })
        .thenRejects('specimen-not-collected');
      given({ order: [ordered(), collected()] })
        .when(spec.receiveSpecimen, { orderId: ORDER, accessionNumber: ACC2 })
        .thenRejects('wrong-specimen');
      given({ order: readyOrder })
        .when(spec.receiveSpecimen, { orderId: ORDER, accessionNumber: ACC1 })
        .thenRejects('specimen-already-received');
    });
    it('rejects an unsatisfactory specimen with a reason', () => {
      given({ order: readyOrder })
        .when(spec.rejectSpecimen, { orderId: ORDER, accessionNumber: ACC1, reason: 'haemolysed' })
        .thenEvents({ order: [{ ...rejected, data: { ...(rejected.data as object), rejectedAt: TEST_NOW } }] });
    });
    it('refuses to reject: specimen-already-resulted, specimen-not-collected', () => {
      given({ order: [...readyOrder, resulted()] })
        .when(spec.rejectSpecimen, { orderId: ORDER, accessionNumber: ACC1, reason: 'clotted' })
        .thenRejects('specimen-already-resulted');
      given({ order: [ordered(), collected(), rejected] })
        .when(spec.rejectSpecimen, { orderId: ORDER, accessionNumber: ACC1, reason: 'clotted' })
        .thenRejects('specimen-not-collected');
    });
  });

  describe('results', () => {
    const record = (valueNumber: number, extra: Record<string, unknown> = {}) => ({
      orderId: ORDER,
      testCode: K,
      valueNumber,
      unit: 'mmol/L',
      ...extra,
    });
    it('records a value with the flag computed from the range in force (never sent by the client)', () => {
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(4.2))
        .thenEvents({ order: [recordedValue(4.2, 'normal')] });
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(3.1))
        .thenEvents({ order: [recordedValue(3.1, 'low')] });
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(5.4))
        .thenEvents({ order: [recordedValue(5.4, 'high')] });
      expect(spec.recordResult.body.safeParse({ ...record(4.2), flag: 'normal' }).success).to.equal(false);
    });
    it('a critical value raises a critical result', () => {
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(7.1))
        .thenEvents({
          order: [
            recordedValue(7.1, 'critically_high'),
            { ...criticalRaised(), data: { ...(criticalRaised().data as object), raisedAt: TEST_NOW } },
          ],
        });
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(2.1))
        .thenEvents({
          order: [
            recordedValue(2.1, 'critically_low'),
            ev('LabCriticalResultRaised', {
              orderId: ORDER,
              patientId: PAT,
              testCode: K,
              wardId: WARD,
              flag: 'critically_low',
              valueNumber: 2.1,
              unit: 'mmol/L',
              raisedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('picks the range by age at collection: a 10-year-old gets the child range', () => {
      given(potassiumStreams(readyOrder, [registered('2015-01-01')]))
        .when(spec.recordResult, record(4.9))
        .thenEvents({ order: [recordedValue(4.9, 'high', childRange)] });
    });
    it('picks the range by sex; a patient of unknown sex only matches an any-sex range', () => {
      const bySex = [
        { sex: 'female', minAgeDays: 0, maxAgeDays: null, low: 3.6, high: 5.0, criticalLow: null, criticalHigh: null },
        { sex: 'male', minAgeDays: 0, maxAgeDays: null, low: 3.8, high: 5.2, criticalLow: null, criticalHigh: null },
      ];
      const streams = (sex: string) => ({
        order: readyOrder,
        test: [potassiumDefined, rangesSet(1, bySex)],
        patient: [registered('1980-05-01', sex)],
      });
      const v = (flag: string, range: Record<string, unknown> | null) =>
        recordedValue(
          3.7,
          flag,
          range ?? { low: null, high: null, criticalLow: null, criticalHigh: null },
          range ? {} : { rangesVersion: null },
        );
      given(streams('female'))
        .when(spec.recordResult, record(3.7))
        .thenEvents({ order: [v('normal', bySex[0] as Record<string, unknown>)] });
      given(streams('male'))
        .when(spec.recordResult, record(3.7))
        .thenEvents({ order: [v('low', bySex[1] as Record<string, unknown>)] });
      given(streams('unknown'))
        .when(spec.recordResult, record(3.7))
        .thenEvents({ order: [v('none', null)] });
    });
    it('a range change applies to results recorded after it (version 2 gives a new flag)', () => {
      const tighter = { ...adultRange, high: 4.0 };
      given({
        order: readyOrder,
        test: [potassiumDefined, rangesSet(1), rangesSet(2, [tighter, childRange])],
        patient: [registered()],
      })
        .when(spec.recordResult, record(4.2))
        .thenEvents({ order: [recordedValue(4.2, 'high', tighter, { rangesVersion: 2 })] });
    });
    it('flags a coded result abnormal from its code, and a text result none', () => {
      const order = [ordered(GROUP), collected(), received()];
      given({ order, test: [groupDefined], patient: [registered()] })
        .when(spec.recordResult, { orderId: ORDER, testCode: GROUP, valueCode: 'weak-D', comment: 'Repeat advised' })
        .thenEvents({
          order: [
            ev('LabResultRecorded', {
              orderId: ORDER,
              patientId: PAT,
              testCode: GROUP,
              accessionNumber: ACC1,
              valueNumber: null,
              valueCode: 'weak-D',
              valueText: null,
              unit: null,
              flag: 'abnormal',
              rangeLow: null,
              rangeHigh: null,
              criticalLow: null,
              criticalHigh: null,
              rangesVersion: null,
              performer: null,
              comment: 'Repeat advised',
              enteredBy: 'user-1',
              recordedAt: TEST_NOW,
            }),
          ],
        });
      given({ order: [ordered(NOTE), collected(), received()], test: [noteDefined], patient: [registered()] })
        .when(spec.recordResult, { orderId: ORDER, testCode: NOTE, valueText: 'Target cells seen' })
        .thenEvents({
          order: [
            ev('LabResultRecorded', {
              orderId: ORDER,
              patientId: PAT,
              testCode: NOTE,
              accessionNumber: ACC1,
              valueNumber: null,
              valueCode: null,
              valueText: 'Target cells seen',
              unit: null,
              flag: 'none',
              rangeLow: null,
              rangeHigh: null,
              criticalLow: null,
              criticalHigh: null,
              rangesVersion: null,
              performer: null,
              comment: null,
              enteredBy: 'user-1',
              recordedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: specimen-not-received (not yet received, or rejected)', () => {
      given(potassiumStreams([ordered(), collected()]))
        .when(spec.recordResult, record(4.2))
        .thenRejects('specimen-not-received');
      given(potassiumStreams([...readyOrder, rejected]))
        .when(spec.recordResult, record(4.2))
        .thenRejects('specimen-not-received');
    });
    it('refuses: order-not-found, order-cancelled, test-not-in-order, result-already-recorded', () => {
      given({ test: [potassiumDefined] })
        .when(spec.recordResult, record(4.2))
        .thenRejects('order-not-found');
      given(potassiumStreams([...readyOrder, cancelled]))
        .when(spec.recordResult, record(4.2))
        .thenRejects('order-cancelled');
      given({ order: readyOrder, test: [sodiumDefined], patient: [registered()] })
        .when(spec.recordResult, { ...record(140), testCode: NA })
        .thenRejects('test-not-in-order');
      given(potassiumStreams([...readyOrder, resulted()]))
        .when(spec.recordResult, record(4.2))
        .thenRejects('result-already-recorded');
    });
    it('refuses: unit-mismatch, value-kind-mismatch, unknown-result-code', () => {
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(4.2, { unit: 'mg/dL' }))
        .thenRejects('unit-mismatch');
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(4.2, { unit: undefined }))
        .thenRejects('unit-mismatch');
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, { orderId: ORDER, testCode: K, valueCode: 'O+' })
        .thenRejects('value-kind-mismatch');
      given(potassiumStreams(readyOrder))
        .when(spec.recordResult, record(4.2, { valueText: 'also text' }))
        .thenRejects('value-kind-mismatch');
      given({ order: [ordered(GROUP), collected(), received()], test: [groupDefined], patient: [registered()] })
        .when(spec.recordResult, { orderId: ORDER, testCode: GROUP, valueCode: 'AB-' })
        .thenRejects('unknown-result-code');
    });
    it('refuses a result without its test definition: test-not-found', () => {
      given({ order: readyOrder, patient: [registered()] })
        .when(spec.recordResult, record(4.2))
        .thenRejects('test-not-found');
    });

    it('refers a test out, then records the external result with that laboratory as performer', () => {
      given({ order: readyOrder })
        .when(spec.referTest, { orderId: ORDER, testCode: K, laboratory: 'Reference Lab' })
        .thenEvents({ order: [{ ...referred, data: { ...(referred.data as object), referredAt: TEST_NOW } }] });
      given(potassiumStreams([...readyOrder, referred]))
        .when(spec.recordResult, record(4.2))
        .thenEvents({ order: [recordedValue(4.2, 'normal', adultRange, { performer: 'Reference Lab' })] });
    });
    it('refuses to refer: specimen-not-received, test-already-referred, result-already-recorded', () => {
      const body = { orderId: ORDER, testCode: K, laboratory: 'Reference Lab' };
      given({ order: [ordered(), collected()] })
        .when(spec.referTest, body)
        .thenRejects('specimen-not-received');
      given({ order: [...readyOrder, referred] })
        .when(spec.referTest, body)
        .thenRejects('test-already-referred');
      given({ order: [...readyOrder, resulted()] })
        .when(spec.referTest, body)
        .thenRejects('result-already-recorded');
    });
  });

  describe('critical results', () => {
    it('takes the acknowledgement’s time as when they were told, when not given', () => {
      given({ order: [...readyOrder, resulted(7.1, 'critically_high'), criticalRaised()] })
        .when(
          spec.acknowledgeCriticalResult,
          { orderId: ORDER, testCode: K, notifiedPerson: 'Dr Who', readBack: true },
          as('dr-2'),
        )
        .thenEvents({
          order: [
            ev('LabCriticalResultAcknowledged', {
              orderId: ORDER,
              patientId: PAT,
              testCode: K,
              notifiedPerson: 'Dr Who',
              notifiedAt: TEST_NOW,
              readBack: true,
              acknowledgedBy: 'dr-2',
              acknowledgedAt: TEST_NOW,
            }),
          ],
        });
    });
    const ack = {
      orderId: ORDER,
      testCode: K,
      notifiedPerson: 'Dr Who, registrar',
      notifiedAt: '2025-03-01T09:55:00Z',
      readBack: true,
    };
    const critical = [...readyOrder, resulted(7.1, 'critically_high'), criticalRaised()];
    it('acknowledges an open critical result with whom was told, when, and read-back', () => {
      given({ order: critical })
        .when(spec.acknowledgeCriticalResult, ack, as('dr-2'))
        .thenEvents({
          order: [
            ev('LabCriticalResultAcknowledged', {
              orderId: ORDER,
              patientId: PAT,
              testCode: K,
              notifiedPerson: 'Dr Who, registrar',
              notifiedAt: '2025-03-01T09:55:00.000Z',
              readBack: true,
              acknowledgedBy: 'dr-2',
              acknowledgedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: no-open-critical-result (none raised, or already acknowledged)', () => {
      given({ order: [...readyOrder, resulted()] })
        .when(spec.acknowledgeCriticalResult, ack)
        .thenRejects('no-open-critical-result');
      const acked = ev('LabCriticalResultAcknowledged', {
        orderId: ORDER,
        patientId: PAT,
        testCode: K,
        notifiedPerson: 'x',
        notifiedAt: T0,
        readBack: true,
        acknowledgedBy: 'dr-2',
        acknowledgedAt: T0,
      });
      given({ order: [...critical, acked] })
        .when(spec.acknowledgeCriticalResult, ack)
        .thenRejects('no-open-critical-result');
    });
    it('refuses: read-back-not-confirmed, notified-in-future', () => {
      given({ order: critical })
        .when(spec.acknowledgeCriticalResult, { ...ack, readBack: false })
        .thenRejects('read-back-not-confirmed');
      given({ order: critical })
        .when(spec.acknowledgeCriticalResult, { ...ack, notifiedAt: '2025-03-01T10:30:00Z' })
        .thenRejects('notified-in-future');
    });
  });

  describe('verification, amendment, correction', () => {
    it('a second person verifies (final)', () => {
      given({ order: [...readyOrder, resulted()] })
        .when(spec.verifyResult, { orderId: ORDER, testCode: K }, as('supervisor-1'))
        .thenEvents({ order: [{ ...verified, data: { ...(verified.data as object), verifiedAt: TEST_NOW } }] });
    });
    it('refuses: verifier-entered-result (the person who entered it never verifies it)', () => {
      given({ order: [...readyOrder, resulted(4.2, 'normal', K, 'tech-1')] })
        .when(spec.verifyResult, { orderId: ORDER, testCode: K }, as('tech-1'))
        .thenRejects('verifier-entered-result');
    });
    it('refuses: result-not-preliminary (no result yet, or already final)', () => {
      given({ order: readyOrder })
        .when(spec.verifyResult, { orderId: ORDER, testCode: K }, as('s'))
        .thenRejects('result-not-preliminary');
      given({ order: [...readyOrder, resulted(), verified] })
        .when(spec.verifyResult, { orderId: ORDER, testCode: K }, as('s'))
        .thenRejects('result-not-preliminary');
    });

    const amend = {
      orderId: ORDER,
      testCode: K,
      kind: 'corrected',
      valueNumber: 5.6,
      unit: 'mmol/L',
      reason: 'Transcription error',
    };
    const amended = (value: number, flag: string, kind = 'corrected') =>
      ev('LabResultAmended', {
        orderId: ORDER,
        patientId: PAT,
        testCode: K,
        kind,
        valueNumber: value,
        valueCode: null,
        valueText: null,
        unit: 'mmol/L',
        flag,
        rangeLow: 3.5,
        rangeHigh: 5.1,
        criticalLow: 2.5,
        criticalHigh: 6.5,
        rangesVersion: 1,
        reason: 'Transcription error',
        amendedBy: 'supervisor-1',
        amendedAt: TEST_NOW,
      });
    it('corrects a final result with a reason; the flag is recomputed', () => {
      given(potassiumStreams([...readyOrder, resulted(), verified]))
        .when(spec.amendResult, amend, as('supervisor-1'))
        .thenEvents({ order: [amended(5.6, 'high')] });
    });
    it('an amendment to a critical value raises the critical result again', () => {
      given(potassiumStreams([...readyOrder, resulted(7.1, 'critically_high'), criticalRaised(), verified]))
        .when(spec.amendResult, { ...amend, kind: 'amended', valueNumber: 7.4 }, as('supervisor-1'))
        .thenEvents({
          order: [
            amended(7.4, 'critically_high', 'amended'),
            { ...criticalRaised(7.4), data: { ...(criticalRaised(7.4).data as object), raisedAt: TEST_NOW } },
          ],
        });
    });
    it('amends an amended result again', () => {
      given(potassiumStreams([...readyOrder, resulted(), verified, amended(5.6, 'high')]))
        .when(spec.amendResult, { ...amend, valueNumber: 4.0 }, as('supervisor-1'))
        .thenEvents({ order: [amended(4.0, 'normal')] });
    });
    it('refuses: result-not-final (preliminary, or no result)', () => {
      given(potassiumStreams([...readyOrder, resulted()]))
        .when(spec.amendResult, amend, as('s'))
        .thenRejects('result-not-final');
      given(potassiumStreams(readyOrder)).when(spec.amendResult, amend, as('s')).thenRejects('result-not-final');
    });
  });

  describe('erasure of a patient’s lab data', () => {
    const patientErased = ev('PatientPersonalDataErased', {
      patientId: PAT,
      legalBasis: 'patient_request',
      erasedAt: T0,
    });
    const body = { patientId: PAT };
    it('records the erasure of an erased patient’s lab data', () => {
      given({ patient: [registered(), patientErased] })
        .when(spec.eraseLabPatientData, body)
        .thenEvents({ labPatient: [ev('LabPatientDataErased', { patientId: PAT, erasedAt: TEST_NOW })] });
    });
    it('refuses: patient-not-erased (no one wipes lab data without erasing the patient)', () => {
      given({ patient: [registered()] })
        .when(spec.eraseLabPatientData, body)
        .thenRejects('patient-not-erased');
    });
    it('refuses: patient-not-found', () => {
      given({}).when(spec.eraseLabPatientData, body).thenRejects('patient-not-found');
    });
    it('refuses: lab-patient-data-already-erased', () => {
      given({
        patient: [registered(), patientErased],
        labPatient: [ev('LabPatientDataErased', { patientId: PAT, erasedAt: T0 })],
      })
        .when(spec.eraseLabPatientData, body)
        .thenRejects('lab-patient-data-already-erased');
    });
  });
});
