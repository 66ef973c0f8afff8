import { ERASED } from '@chartline/infra';
import { describeProjectionSpecs, projectionSpec, SPEC_TIME } from '../testing/projection-spec.js';
import { laboratoryProjection } from './projection.js';
import { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS } from './views.js';

const { event, erasedKey, given } = projectionSpec(laboratoryProjection);

const order = '0193a6f0-0000-7000-8000-0000000000e1';
const patient = '0193a6f0-0000-7000-8000-0000000000d1';
const ward = '0193a6f0-0000-7000-8000-00000000000a';
const specimen = '0193a6f0-0000-7000-8000-0000000000f1';
const K = '2823-3';
const NA = '2951-2';
const ACC = 'L00000001D';
const on = { aggregateId: order };

const orderedK = event(
  'LabTestOrdered',
  {
    orderId: order,
    testCode: K,
    testName: 'Potassium',
    section: 'chemistry',
    specimenType: 'serum',
    panelCode: null,
    patientId: patient,
    stayId: null,
    wardId: ward,
    priority: 'stat',
    orderingPractitionerId: 'dr-1',
    turnaroundTargetMinutes: 60,
    orderedAt: SPEC_TIME,
  },
  on,
);
const collected = event(
  'LabSpecimenCollected',
  {
    orderId: order,
    patientId: patient,
    specimenId: specimen,
    accessionNumber: ACC,
    specimenType: 'serum',
    collectedBy: 'nurse-1',
    collectedAt: SPEC_TIME,
  },
  on,
);
const received = event(
  'LabSpecimenReceived',
  { orderId: order, specimenId: specimen, accessionNumber: ACC, receivedAt: SPEC_TIME },
  on,
);
const value = { valueNumber: 7.1, valueCode: null, valueText: null, unit: 'mmol/L' };
const range = { rangeLow: 3.5, rangeHigh: 5.1, criticalLow: 2.5, criticalHigh: 6.5 };
const recorded = event(
  'LabResultRecorded',
  {
    orderId: order,
    patientId: patient,
    testCode: K,
    accessionNumber: ACC,
    ...value,
    flag: 'critically_high',
    ...range,
    rangesVersion: 1,
    performer: null,
    comment: 'Sample slightly haemolysed',
    enteredBy: 'tech-1',
    recordedAt: SPEC_TIME,
  },
  on,
);
const raised = event(
  'LabCriticalResultRaised',
  {
    orderId: order,
    patientId: patient,
    testCode: K,
    wardId: ward,
    flag: 'critically_high',
    valueNumber: 7.1,
    unit: 'mmol/L',
    raisedAt: SPEC_TIME,
  },
  on,
);
const resultDoc = { ...value, flag: 'critically_high', ...range, recordedAt: SPEC_TIME };
const criticalDoc = {
  flag: 'critically_high',
  valueNumber: 7.1,
  unit: 'mmol/L',
  raisedAt: SPEC_TIME,
  acknowledgedAt: null,
  acknowledgedBy: null,
  notifiedPerson: null,
  notifiedAt: null,
};

/** The ordered test as LabTestOrdered leaves it, then `changes`. */
const item = (position: number, changes: Record<string, unknown> = {}, testCode = K) => ({
  _id: `h1:${order}:${testCode}`,
  hospitalId: 'h1',
  orderId: order,
  testCode,
  testName: testCode === K ? 'Potassium' : 'Sodium',
  section: 'chemistry',
  specimenType: 'serum',
  panelCode: null,
  patientId: patient,
  stayId: null,
  wardId: ward,
  priority: 'stat',
  orderingPractitionerId: 'dr-1',
  turnaroundTargetMinutes: 60,
  orderedAt: SPEC_TIME,
  dueAt: '2025-03-01T09:30:00.000Z',
  stage: 'awaiting_collection',
  accessionNumber: null,
  collectedAt: null,
  receivedAt: null,
  rejections: 0,
  referredTo: null,
  result: null,
  comment: null,
  enteredBy: null,
  performer: null,
  superseded: [],
  finalAt: null,
  verifiedBy: null,
  criticalOpen: false,
  critical: null,
  position,
  ...changes,
});
/** The order as its first LabTestOrdered leaves it; every event is the order stream's, so revision = position - 1. */
const orderDoc = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${order}`,
  hospitalId: 'h1',
  orderId: order,
  patientId: patient,
  stayId: null,
  wardId: ward,
  priority: 'stat',
  panelCode: null,
  orderingPractitionerId: 'dr-1',
  orderedAt: SPEC_TIME,
  testCodes: [K],
  stages: { [K]: 'awaiting_collection' },
  status: 'awaiting_collection',
  accessionNumber: null,
  criticalOpen: false,
  criticalTests: [],
  referred: {},
  position,
  revision: position - 1,
  ...changes,
});
const inLab = { accessionNumber: ACC, collectedAt: SPEC_TIME, receivedAt: SPEC_TIME, stage: 'in_progress' };
const resulted = {
  ...inLab,
  stage: 'awaiting_verification',
  result: resultDoc,
  comment: 'Sample slightly haemolysed',
  enteredBy: 'tech-1',
};
const stage = (s: string) => ({ stages: { [K]: s }, status: s, accessionNumber: ACC });

const potassium = event(
  'LabTestDefined',
  {
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
    definedAt: SPEC_TIME,
  },
  { aggregateId: K },
);
const catalogueTest = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:test:${K}`,
  hospitalId: 'h1',
  kind: 'test',
  code: K,
  name: 'Potassium',
  section: 'chemistry',
  specimenType: 'serum',
  resultKind: 'numeric',
  unit: 'mmol/L',
  codedValues: [],
  testCodes: [],
  turnaroundMinutes: { stat: 45, asap: null, urgent: null, routine: null },
  rangesVersion: 0,
  ranges: [],
  definedAt: SPEC_TIME,
  position,
  ...changes,
});
const adult = {
  sex: 'any' as const,
  minAgeDays: 6570,
  maxAgeDays: null,
  low: 3.5,
  high: 5.1,
  criticalLow: 2.5,
  criticalHigh: 6.5,
};

// ── an erased patient: their results in two orders, and another patient's left alone ──
const order2 = '0193a6f0-0000-7000-8000-0000000000e2';
const order3 = '0193a6f0-0000-7000-8000-0000000000e3';
const otherPatient = '0193a6f0-0000-7000-8000-0000000000d2';
const FILM = '11529-5';
const AMENDED_AT = '2025-03-02T08:00:00.000Z';
const acknowledged = event(
  'LabCriticalResultAcknowledged',
  {
    orderId: order,
    patientId: patient,
    testCode: K,
    notifiedPerson: 'Dr Who, registrar',
    notifiedAt: SPEC_TIME,
    readBack: true,
    acknowledgedBy: 'dr-2',
    acknowledgedAt: SPEC_TIME,
  },
  on,
);
const verifiedK = event(
  'LabResultVerified',
  { orderId: order, patientId: patient, testCode: K, verifiedBy: 'sup-1', verifiedAt: SPEC_TIME },
  on,
);
const correctedK = event(
  'LabResultAmended',
  {
    orderId: order,
    patientId: patient,
    testCode: K,
    kind: 'corrected',
    ...value,
    valueNumber: 5.6,
    flag: 'high',
    ...range,
    rangesVersion: 1,
    reason: 'Transcription error',
    amendedBy: 'sup-1',
    amendedAt: AMENDED_AT,
  },
  on,
);
const orderedData = orderedK.kind === 'event' ? orderedK.data : {};
const recordedData = recorded.kind === 'event' ? recorded.data : {};
const orderedFilm = event(
  'LabTestOrdered',
  { ...orderedData, orderId: order2, testCode: FILM, testName: 'Film comment' } as never,
  { aggregateId: order2 },
);
const filmResult = { valueNumber: null, valueCode: null, valueText: 'Target cells seen', unit: null };
const noRange = { rangeLow: null, rangeHigh: null, criticalLow: null, criticalHigh: null };
const recordedFilm = event(
  'LabResultRecorded',
  {
    ...recordedData,
    orderId: order2,
    testCode: FILM,
    ...filmResult,
    flag: 'none',
    ...noRange,
    rangesVersion: 0,
    comment: null,
  } as never,
  { aggregateId: order2 },
);
const orderedOther = event('LabTestOrdered', { ...orderedData, orderId: order3, patientId: otherPatient } as never, {
  aggregateId: order3,
});
const recordedOther = event(
  'LabResultRecorded',
  { ...recordedData, orderId: order3, patientId: otherPatient, comment: 'Their own comment' } as never,
  { aggregateId: order3 },
);
const labErasure = event('LabPatientDataErased', { patientId: patient, erasedAt: SPEC_TIME }, { aggregateId: patient });
const erasureHistory = [
  orderedK,
  collected,
  received,
  recorded,
  raised,
  acknowledged,
  verifiedK,
  correctedK,
  orderedFilm,
  recordedFilm,
  orderedOther,
  recordedOther,
] as const;
/** Every lab document after the erasure: the patient's free text reads as erased, nothing else changed. */
const afterErasure = {
  [LAB_ORDER_TESTS]: [
    item(13, {
      ...resulted,
      stage: 'corrected',
      comment: ERASED,
      result: { ...resultDoc, valueNumber: 5.6, flag: 'high', recordedAt: AMENDED_AT },
      superseded: [resultDoc],
      finalAt: SPEC_TIME,
      verifiedBy: 'sup-1',
      critical: {
        ...criticalDoc,
        acknowledgedAt: SPEC_TIME,
        acknowledgedBy: 'dr-2',
        notifiedPerson: ERASED,
        notifiedAt: SPEC_TIME,
      },
    }),
    item(
      13,
      {
        _id: `h1:${order2}:${FILM}`,
        orderId: order2,
        testName: 'Film comment',
        stage: 'awaiting_verification',
        result: { ...filmResult, valueText: ERASED, flag: 'none', ...noRange, recordedAt: SPEC_TIME },
        enteredBy: 'tech-1',
      },
      FILM,
    ),
    item(12, {
      _id: `h1:${order3}:${K}`,
      orderId: order3,
      patientId: otherPatient,
      stage: 'awaiting_verification',
      result: resultDoc,
      comment: 'Their own comment',
      enteredBy: 'tech-1',
    }),
  ],
  [LAB_ORDERS]: [
    orderDoc(8, { ...stage('corrected'), status: 'final' }),
    orderDoc(10, {
      _id: `h1:${order2}`,
      orderId: order2,
      testCodes: [FILM],
      stages: { [FILM]: 'awaiting_verification' },
      status: 'awaiting_verification',
      revision: 1,
    }),
    orderDoc(12, {
      _id: `h1:${order3}`,
      orderId: order3,
      patientId: otherPatient,
      stages: { [K]: 'awaiting_verification' },
      status: 'awaiting_verification',
      revision: 1,
    }),
  ],
};

describe('laboratory projection: an erased patient', () => {
  it('a rebuild after the key is gone shows exactly what the live erasure left', async () => {
    // Every reveal reads erased here (the key went before anything was projected), as in a rebuild.
    await given(...erasureHistory, erasedKey(patient), labErasure).expect(afterErasure);
  });
});

describeProjectionSpecs(laboratoryProjection, {
  LabPatientDataErased: () => given(...erasureHistory, labErasure).expect(afterErasure),
  LabTestDefined: () => given(potassium).expect({ [LAB_CATALOGUE]: [catalogueTest(1)] }),
  LabReferenceRangesSet: () =>
    given(
      potassium,
      event(
        'LabReferenceRangesSet',
        { testCode: K, rangesVersion: 1, ranges: [adult], setAt: SPEC_TIME },
        { aggregateId: K },
      ),
    ).expect({ [LAB_CATALOGUE]: [catalogueTest(2, { rangesVersion: 1, ranges: [adult] })] }),
  LabPanelDefined: () =>
    given(
      event(
        'LabPanelDefined',
        { panelCode: '51990-0', name: 'Electrolytes', testCodes: [K, NA], definedAt: SPEC_TIME },
        { aggregateId: '51990-0' },
      ),
    ).expect({
      [LAB_CATALOGUE]: [
        {
          _id: 'h1:panel:51990-0',
          hospitalId: 'h1',
          kind: 'panel',
          code: '51990-0',
          name: 'Electrolytes',
          section: null,
          specimenType: null,
          resultKind: null,
          unit: null,
          codedValues: [],
          testCodes: [K, NA],
          turnaroundMinutes: null,
          rangesVersion: 0,
          ranges: [],
          definedAt: SPEC_TIME,
          position: 1,
        },
      ],
    }),
  LabTestOrdered: () =>
    given(
      orderedK,
      event(
        'LabTestOrdered',
        { ...(orderedK.kind === 'event' ? orderedK.data : {}), testCode: NA, testName: 'Sodium' } as never,
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [item(1), item(2, {}, NA)],
      [LAB_ORDERS]: [
        orderDoc(2, {
          testCodes: [K, NA],
          stages: { [K]: 'awaiting_collection', [NA]: 'awaiting_collection' },
        }),
      ],
    }),
  LabOrderCancelled: () =>
    given(
      orderedK,
      event(
        'LabOrderCancelled',
        { orderId: order, patientId: patient, testCodes: [K], reason: 'duplicate', cancelledAt: SPEC_TIME },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [item(2, { stage: 'cancelled' })],
      [LAB_ORDERS]: [orderDoc(2, { stages: { [K]: 'cancelled' }, status: 'cancelled' })],
    }),
  LabSpecimenCollected: () =>
    given(orderedK, collected).expect({
      [LAB_ORDER_TESTS]: [item(2, { stage: 'awaiting_receipt', accessionNumber: ACC, collectedAt: SPEC_TIME })],
      [LAB_ORDERS]: [orderDoc(2, stage('awaiting_receipt'))],
    }),
  LabSpecimenReceived: () =>
    given(orderedK, collected, received).expect({
      [LAB_ORDER_TESTS]: [item(3, inLab)],
      [LAB_ORDERS]: [orderDoc(3, stage('in_progress'))],
    }),
  LabSpecimenRejected: () =>
    given(
      orderedK,
      collected,
      received,
      event(
        'LabSpecimenRejected',
        {
          orderId: order,
          patientId: patient,
          specimenId: specimen,
          accessionNumber: ACC,
          reason: 'haemolysed',
          note: null,
          rejectedAt: SPEC_TIME,
        },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [item(4, { rejections: 1 })],
      [LAB_ORDERS]: [orderDoc(4)],
    }),
  LabResultRecorded: () =>
    given(orderedK, collected, received, recorded).expect({
      [LAB_ORDER_TESTS]: [item(4, resulted)],
      [LAB_ORDERS]: [orderDoc(4, stage('awaiting_verification'))],
    }),
  LabCriticalResultRaised: () =>
    given(orderedK, collected, received, recorded, raised).expect({
      [LAB_ORDER_TESTS]: [item(5, { ...resulted, criticalOpen: true, critical: criticalDoc })],
      [LAB_ORDERS]: [orderDoc(5, { ...stage('awaiting_verification'), criticalOpen: true, criticalTests: [K] })],
    }),
  LabCriticalResultAcknowledged: () =>
    given(
      orderedK,
      collected,
      received,
      recorded,
      raised,
      event(
        'LabCriticalResultAcknowledged',
        {
          orderId: order,
          patientId: patient,
          testCode: K,
          notifiedPerson: 'Dr Who, registrar',
          notifiedAt: SPEC_TIME,
          readBack: true,
          acknowledgedBy: 'dr-2',
          acknowledgedAt: SPEC_TIME,
        },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [
        item(6, {
          ...resulted,
          critical: {
            ...criticalDoc,
            acknowledgedAt: SPEC_TIME,
            acknowledgedBy: 'dr-2',
            notifiedPerson: 'Dr Who, registrar',
            notifiedAt: SPEC_TIME,
          },
        }),
      ],
      [LAB_ORDERS]: [orderDoc(6, stage('awaiting_verification'))],
    }),
  LabResultVerified: () =>
    given(
      orderedK,
      collected,
      received,
      recorded,
      event(
        'LabResultVerified',
        { orderId: order, patientId: patient, testCode: K, verifiedBy: 'sup-1', verifiedAt: SPEC_TIME },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [item(5, { ...resulted, stage: 'final', finalAt: SPEC_TIME, verifiedBy: 'sup-1' })],
      [LAB_ORDERS]: [orderDoc(5, stage('final'))],
    }),
  LabResultAmended: () =>
    given(
      orderedK,
      collected,
      received,
      recorded,
      event(
        'LabResultAmended',
        {
          orderId: order,
          patientId: patient,
          testCode: K,
          kind: 'corrected',
          ...value,
          valueNumber: 5.6,
          flag: 'high',
          ...range,
          rangesVersion: 1,
          reason: 'Transcription error',
          amendedBy: 'sup-1',
          amendedAt: '2025-03-02T08:00:00.000Z',
        },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [
        item(5, {
          ...resulted,
          stage: 'corrected',
          result: { ...resultDoc, valueNumber: 5.6, flag: 'high', recordedAt: '2025-03-02T08:00:00.000Z' },
          superseded: [resultDoc],
        }),
      ],
      [LAB_ORDERS]: [orderDoc(5, { ...stage('corrected'), status: 'final' })],
    }),
  LabTestReferredOut: () =>
    given(
      orderedK,
      collected,
      received,
      event(
        'LabTestReferredOut',
        { orderId: order, patientId: patient, testCode: K, laboratory: 'Reference Lab', referredAt: SPEC_TIME },
        on,
      ),
    ).expect({
      [LAB_ORDER_TESTS]: [item(4, { ...inLab, referredTo: 'Reference Lab' })],
      [LAB_ORDERS]: [orderDoc(4, { ...stage('in_progress'), referred: { [K]: 'Reference Lab' } })],
    }),
});
