import type { Aggregate } from '../shared/command-spec.js';
import type { Priority } from './catalogue.js';
import type { LaboratoryEvent } from './events.js';
import type { Flag } from './ranges.js';

/**
 * FHIR Observation statuses of one test of the order (`registered` = ordered, no result yet);
 * `final`, `amended` and `corrected` are all released results.
 */
export type TestStatus = 'registered' | 'preliminary' | 'final' | 'amended' | 'corrected' | 'cancelled';

export interface ResultValue {
  readonly valueNumber: number | null;
  readonly valueCode: string | null;
  readonly valueText: string | null;
  readonly unit: string | null;
  readonly flag: Flag;
}

export interface OrderedTest {
  readonly testCode: string;
  readonly status: TestStatus;
  /** The external laboratory it was referred to, if any. */
  readonly referredTo: string | null;
  readonly enteredBy: string | null;
  readonly result: ResultValue | null;
  /** Earlier values of an amended or corrected result, oldest first. */
  readonly superseded: readonly ResultValue[];
  readonly criticalOpen: boolean;
}

export interface Specimen {
  readonly specimenId: string;
  readonly accessionNumber: string;
  readonly collectedAt: string;
  readonly received: boolean;
  /** A result was recorded from it: it can no longer be rejected. */
  readonly resulted: boolean;
}

export interface LabOrderState {
  readonly status: 'absent' | 'active' | 'cancelled';
  readonly patientId: string | null;
  readonly wardId: string | null;
  readonly priority: Priority | null;
  readonly specimenType: string | null;
  /** The current specimen (null before collection and after a rejection). */
  readonly specimen: Specimen | null;
  /** When the specimen results are interpreted against was collected (kept across re-collections). */
  readonly collectedAt: string | null;
  readonly tests: Readonly<Record<string, OrderedTest>>;
}

const initialState: LabOrderState = {
  status: 'absent',
  patientId: null,
  wardId: null,
  priority: null,
  specimenType: null,
  specimen: null,
  collectedAt: null,
  tests: {},
};

export const RELEASED: readonly TestStatus[] = ['final', 'amended', 'corrected'];
export const isReleased = (status: TestStatus) => RELEASED.includes(status);

function withTest(state: LabOrderState, testCode: string, change: (t: OrderedTest) => OrderedTest): LabOrderState {
  const test = state.tests[testCode];
  return test ? { ...state, tests: { ...state.tests, [testCode]: change(test) } } : state;
}

const resultOf = (d: {
  valueNumber?: number | null;
  valueCode?: string | null;
  valueText?: string | null;
  unit?: string | null;
  flag: Flag;
}): ResultValue => ({
  valueNumber: d.valueNumber ?? null,
  valueCode: d.valueCode ?? null,
  valueText: d.valueText ?? null,
  unit: d.unit ?? null,
  flag: d.flag,
});

function evolve(state: LabOrderState, event: LaboratoryEvent): LabOrderState {
  switch (event.type) {
    case 'LabTestOrdered': {
      const d = event.data;
      return {
        ...state,
        status: 'active',
        patientId: d.patientId,
        wardId: d.wardId ?? null,
        priority: d.priority,
        specimenType: d.specimenType,
        tests: {
          ...state.tests,
          [d.testCode]: {
            testCode: d.testCode,
            status: 'registered',
            referredTo: null,
            enteredBy: null,
            result: null,
            superseded: [],
            criticalOpen: false,
          },
        },
      };
    }
    case 'LabOrderCancelled':
      return {
        ...state,
        status: 'cancelled',
        tests: Object.fromEntries(
          Object.entries(state.tests).map(([code, t]) => [code, { ...t, status: 'cancelled' as const }]),
        ),
      };
    case 'LabSpecimenCollected':
      return {
        ...state,
        specimen: {
          specimenId: event.data.specimenId,
          accessionNumber: event.data.accessionNumber,
          collectedAt: event.data.collectedAt,
          received: false,
          resulted: false,
        },
        collectedAt: event.data.collectedAt,
      };
    case 'LabSpecimenReceived':
      return state.specimen ? { ...state, specimen: { ...state.specimen, received: true } } : state;
    case 'LabSpecimenRejected':
      return { ...state, specimen: null };
    case 'LabResultRecorded':
      return withTest(
        {
          ...state,
          specimen: state.specimen && { ...state.specimen, resulted: true },
        },
        event.data.testCode,
        (t) => ({ ...t, status: 'preliminary', enteredBy: event.data.enteredBy, result: resultOf(event.data) }),
      );
    case 'LabCriticalResultRaised':
      return withTest(state, event.data.testCode, (t) => ({ ...t, criticalOpen: true }));
    case 'LabCriticalResultAcknowledged':
      return withTest(state, event.data.testCode, (t) => ({ ...t, criticalOpen: false }));
    case 'LabResultVerified':
      return withTest(state, event.data.testCode, (t) => ({ ...t, status: 'final' }));
    case 'LabResultAmended':
      return withTest(state, event.data.testCode, (t) => ({
        ...t,
        status: event.data.kind,
        superseded: t.result ? [...t.superseded, t.result] : t.superseded,
        result: resultOf(event.data),
      }));
    case 'LabTestReferredOut':
      return withTest(state, event.data.testCode, (t) => ({ ...t, referredTo: event.data.laboratory }));
    default:
      return state;
  }
}

/** `labOrder-<hospitalId>.<orderId>`: one order (a test or a panel), its specimen and its results. */
export const labOrderAggregate: Aggregate<LabOrderState, LaboratoryEvent> = { name: 'labOrder', initialState, evolve };
