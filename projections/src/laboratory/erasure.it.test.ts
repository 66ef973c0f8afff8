import {
  createMemoryKeyStore,
  MemoryEventStore,
  MemoryReadStore,
  openMongoReadStore,
  type ReadStore,
  type RecordedEvent,
  requireService,
} from '@chartline/infra';
import { expect } from 'chai';
import { Applier, type BatchProgress } from '../runtime/applier.js';
import { decodeStored } from '../runtime/decode.js';
import { revealWith } from '../runtime/personal-data.js';
import { liveNaming, rebuildNaming, type ViewNaming } from '../runtime/view-naming.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { laboratoryProjection } from './projection.js';
import { LAB_ORDER_TESTS, LAB_ORDERS } from './views.js';

const T = '2025-03-01T08:30:00.000Z';
const K = '2823-3';
const PATIENT = '0193a6f0-0000-7000-8000-0000000000d1';
const OTHER = '0193a6f0-0000-7000-8000-0000000000d2';
const ORDER = '0193a6f0-0000-7000-8000-0000000000e1';
const ORDER_OTHER = '0193a6f0-0000-7000-8000-0000000000e3';

/**
 * The erasure handler finds the patient's documents with a query (`ctx.idsWhere`), which a
 * projector's batch overlay answers by writing the collection out first. On the real MongoDB-wire
 * store, in one batch with the events before it, live and as a rebuild into fresh collections, the
 * views must be exactly what the in-memory store gives.
 */
describe('laboratory erasure on the MongoDB-wire store: live batch and rebuild agree with memory', () => {
  let mongo: ReadStore;
  const run = `laberase${Date.now().toString(36)}_`;
  const created: string[] = [];
  let events: RecordedEvent[] = [];
  let keys: ReturnType<typeof createMemoryKeyStore>;

  before(async function () {
    mongo = await openMongoReadStore(requireService(this, 'MONGODB_URL', 'the read models'));
    keys = createMemoryKeyStore();
    const history = new HospitalHistory(new MemoryEventStore(), keys, 'h1');
    const ordered = (orderId: string, patientId: string) => ({
      orderId,
      testCode: K,
      testName: 'Potassium',
      section: 'chemistry',
      specimenType: 'serum',
      panelCode: null,
      patientId,
      stayId: null,
      wardId: null,
      priority: 'stat',
      orderingPractitionerId: 'dr-1',
      turnaroundTargetMinutes: 60,
      orderedAt: T,
    });
    const recorded = (orderId: string, patientId: string, comment: string) => ({
      orderId,
      patientId,
      testCode: K,
      accessionNumber: 'L00000001D',
      valueNumber: 7.1,
      valueCode: null,
      valueText: null,
      unit: 'mmol/L',
      flag: 'critically_high',
      rangeLow: 3.5,
      rangeHigh: 5.1,
      criticalLow: 2.5,
      criticalHigh: 6.5,
      rangesVersion: 1,
      performer: null,
      comment,
      enteredBy: 'tech-1',
      recordedAt: T,
    });
    const steps: [string, string, Record<string, unknown>][] = [
      ['LabTestOrdered', ORDER, ordered(ORDER, PATIENT)],
      ['LabResultRecorded', ORDER, recorded(ORDER, PATIENT, 'Repeat sample advised')],
      [
        'LabCriticalResultRaised',
        ORDER,
        {
          orderId: ORDER,
          patientId: PATIENT,
          testCode: K,
          wardId: null,
          flag: 'critically_high',
          valueNumber: 7.1,
          unit: 'mmol/L',
          raisedAt: T,
        },
      ],
      [
        'LabCriticalResultAcknowledged',
        ORDER,
        {
          orderId: ORDER,
          patientId: PATIENT,
          testCode: K,
          notifiedPerson: 'Charge nurse',
          notifiedAt: T,
          readBack: true,
          acknowledgedBy: 'dr-2',
          acknowledgedAt: T,
        },
      ],
      ['LabTestOrdered', ORDER_OTHER, ordered(ORDER_OTHER, OTHER)],
      ['LabResultRecorded', ORDER_OTHER, recorded(ORDER_OTHER, OTHER, 'Their own comment')],
      ['LabPatientDataErased', PATIENT, { patientId: PATIENT, erasedAt: T }],
      [
        'LabResultVerified',
        ORDER,
        { orderId: ORDER, patientId: PATIENT, testCode: K, verifiedBy: 'sup-1', verifiedAt: T },
      ],
    ];
    events = [];
    for (const [name, aggregateId, data] of steps) {
      events.push(await history.append(`laboratory.${name}`, aggregateId, data, { occurredAt: T }));
    }
  });

  after(async () => {
    for (const name of created) await mongo.dropCollection(name).catch(() => undefined);
    await mongo?.close();
  });

  /** The events as one batch through the lab projection into `store`, read back per view. */
  async function project(store: ReadStore, naming: ViewNaming, fresh = false) {
    const applier = new Applier(laboratoryProjection, { readStore: store, naming, reveal: revealWith(keys), fresh });
    const progress: BatchProgress = new Map();
    for (const event of events) await applier.apply(decodeStored(event), progress);
    await applier.commit(progress);
    const out: Record<string, unknown[]> = {};
    for (const view of [LAB_ORDER_TESTS, LAB_ORDERS]) {
      created.push(naming.collection(view));
      out[view] = await store.collection(naming.collection(view)).find({}, { sort: { _id: 1 } });
    }
    return out;
  }

  it('drops the patient’s comment and whom they were told in every store and mode, and leaves the other patient’s', async () => {
    const expected = await project(new MemoryReadStore(), liveNaming());
    const tests = expected[LAB_ORDER_TESTS] as Record<string, unknown>[];
    const mine = tests.find((d) => d['patientId'] === PATIENT)!;
    expect(mine).to.include({ comment: '[erased]', stage: 'final' });
    expect((mine['critical'] as Record<string, unknown>)['notifiedPerson']).to.equal('[erased]');
    expect(tests.find((d) => d['patientId'] === OTHER)).to.include({ comment: 'Their own comment' });

    expect(await project(mongo, liveNaming(run)), 'a live batch').to.deep.equal(expected);
    expect(await project(mongo, rebuildNaming('fresh', run), true), 'a rebuild').to.deep.equal(expected);
  });
});
