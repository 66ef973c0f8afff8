import type { StayState } from '../admissions/index.js';
import type { LabTurnaroundMinutes } from '../hospitals/index.js';
import type { PatientState } from '../patients/index.js';
import { RuleViolation } from '../shared/decider.js';
import { type AccessionRegistryState, formatAccessionNumber } from './accession.js';
import type { LabPanelState, LabTestState, TestDefinition } from './catalogue.js';
import type {
  AcknowledgeCriticalResult,
  AmendResult,
  CancelOrder,
  CollectSpecimen,
  DefinePanel,
  DefineTest,
  EnteredValue,
  EraseLabPatientData,
  OrderTests,
  ReceiveSpecimen,
  RecordResult,
  ReferTest,
  RejectSpecimen,
  SetReferenceRanges,
  VerifyResult,
} from './commands.js';
import type { LaboratoryEvent, LaboratoryEventNamed } from './events.js';
import { isReleased, type LabOrderState, type OrderedTest } from './order.js';
import type { LabPatientState } from './patient-data.js';
import {
  ageInDays,
  appliedRange,
  codedFlag,
  type Flag,
  isCritical,
  limitsInOrder,
  numericFlag,
  rangeFor,
  rangesOverlap,
} from './ranges.js';
import { LABORATORY_RULES, type LaboratoryRule } from './rules.js';
import { turnaroundTargetMinutes } from './turnaround.js';

/**
 * The laboratory decider: one pure function per command, given the states of every stream the
 * command loaded, returning the events per stream. No clock: the command carries its time.
 */

type Events = LaboratoryEvent[];

function violate(rule: LaboratoryRule, details: Readonly<Record<string, string | number>> = {}): never {
  throw new RuleViolation(rule, LABORATORY_RULES[rule], details);
}

// ── catalogue ────────────────────────────────────────────────────────────────────────────────

export function defineTest(c: DefineTest, test: LabTestState): { test: Events } {
  if (test.definition !== null) violate('test-already-defined');
  if (c.resultKind === 'numeric' && c.unit === null) violate('unit-required');
  if (c.resultKind !== 'numeric' && c.unit !== null) violate('unit-not-allowed');
  if (c.resultKind === 'coded' && c.codedValues.length === 0) violate('coded-values-required');
  if (c.resultKind !== 'coded' && c.codedValues.length > 0) violate('coded-values-not-allowed');
  return {
    test: [
      {
        type: 'LabTestDefined',
        data: {
          testCode: c.testCode,
          name: c.name,
          section: c.section,
          specimenType: c.specimenType,
          resultKind: c.resultKind,
          unit: c.unit,
          codedValues: [...c.codedValues],
          turnaroundStatMinutes: c.turnaroundMinutes.stat,
          turnaroundAsapMinutes: c.turnaroundMinutes.asap,
          turnaroundUrgentMinutes: c.turnaroundMinutes.urgent,
          turnaroundRoutineMinutes: c.turnaroundMinutes.routine,
          definedAt: c.at,
        },
      },
    ],
  };
}

function requireTest(test: LabTestState): TestDefinition {
  if (test.definition === null) violate('test-not-found');
  return test.definition;
}

export function setReferenceRanges(c: SetReferenceRanges, test: LabTestState): { test: Events } {
  const definition = requireTest(test);
  if (definition.resultKind !== 'numeric') violate('ranges-need-numeric-test');
  c.ranges.forEach((r, i) => {
    if (!limitsInOrder(r)) violate('range-limits-out-of-order', { range: i });
  });
  c.ranges.forEach((a, i) => {
    c.ranges.slice(i + 1).forEach((b, j) => {
      if (rangesOverlap(a, b)) violate('ranges-overlap', { range: i, otherRange: i + 1 + j });
    });
  });
  return {
    test: [
      {
        type: 'LabReferenceRangesSet',
        data: { testCode: c.testCode, rangesVersion: test.rangesVersion + 1, ranges: [...c.ranges], setAt: c.at },
      },
    ],
  };
}

export function definePanel(c: DefinePanel, panel: LabPanelState, tests: readonly LabTestState[]): { panel: Events } {
  if (panel.defined) violate('panel-already-defined');
  const definitions = tests.map(requireTest);
  if (new Set(definitions.map((d) => d.specimenType)).size > 1) violate('panel-specimen-types-differ');
  return {
    panel: [
      {
        type: 'LabPanelDefined',
        data: { panelCode: c.panelCode, name: c.name, testCodes: [...c.testCodes], definedAt: c.at },
      },
    ],
  };
}

// ── orders ───────────────────────────────────────────────────────────────────────────────────

/** A patient tests may be ordered for: registered, not merged away, alive. */
function requireOrderablePatient(patient: PatientState): void {
  if (!patient.registered) violate('patient-not-found');
  if (patient.mergedInto !== null) violate('patient-voided');
  if (patient.deceased) violate('patient-deceased');
}

/**
 * One LabTestOrdered per test (a panel's tests in the panel's order). The patient's planned or
 * active stay, when it has one, is named so billing can charge the stay's account, and its ward
 * is the ordering ward unless the order names one. The order's id is new (chosen at the edge), so
 * its stream is only written: there is no earlier state of it to decide on.
 */
export function orderTests(
  c: OrderTests,
  patient: PatientState,
  stay: { readonly id: string; readonly state: StayState } | null,
  panel: LabPanelState | null,
  tests: Readonly<Record<string, LabTestState>>,
  hospitalTurnaround: LabTurnaroundMinutes,
): { order: Events } {
  requireOrderablePatient(patient);
  if (panel !== null && !panel.defined) violate('panel-not-found');
  const codes = panel !== null ? panel.testCodes : [c.testCode ?? ''];
  const wardId = c.wardId ?? stay?.state.wardId ?? null;
  return {
    order: codes.map((code): LaboratoryEvent => {
      const definition = requireTest(tests[code] ?? { definition: null, rangesVersion: 0, ranges: [] });
      return {
        type: 'LabTestOrdered',
        data: {
          orderId: c.orderId,
          testCode: code,
          testName: definition.name,
          section: definition.section,
          specimenType: definition.specimenType,
          panelCode: c.panelCode,
          patientId: c.patientId,
          stayId: stay?.id ?? null,
          wardId,
          priority: c.priority,
          orderingPractitionerId: c.orderingPractitionerId,
          turnaroundTargetMinutes: turnaroundTargetMinutes(definition, c.priority, hospitalTurnaround),
          orderedAt: c.at,
        },
      };
    }),
  };
}

function requireOrder(order: LabOrderState): void {
  if (order.status === 'absent') violate('order-not-found');
}

function requireActiveOrder(order: LabOrderState): void {
  requireOrder(order);
  if (order.status === 'cancelled') violate('order-cancelled');
}

export function cancelOrder(c: CancelOrder, order: LabOrderState): { order: Events } {
  requireActiveOrder(order);
  if (Object.values(order.tests).some((t) => isReleased(t.status))) violate('order-has-final-result');
  return {
    order: [
      {
        type: 'LabOrderCancelled',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCodes: Object.keys(order.tests),
          reason: c.reason,
          cancelledAt: c.at,
        },
      },
    ],
  };
}

// ── specimens ────────────────────────────────────────────────────────────────────────────────

/** Takes the registry's next number; the order and the registry are appended together. */
export function collectSpecimen(
  c: CollectSpecimen,
  order: LabOrderState,
  registry: AccessionRegistryState,
): { order: Events; accession: Events } {
  requireActiveOrder(order);
  if (order.specimen !== null)
    violate('specimen-already-collected', { accessionNumber: order.specimen.accessionNumber });
  if (Object.values(order.tests).every((t) => t.status !== 'registered')) violate('order-complete');
  const sequence = registry.lastSequence + 1;
  const accessionNumber = formatAccessionNumber(sequence);
  return {
    order: [
      {
        type: 'LabSpecimenCollected',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          specimenId: c.specimenId,
          accessionNumber,
          specimenType: (order.specimenType ??
            'other') as LaboratoryEventNamed<'LabSpecimenCollected'>['data']['specimenType'],
          collectedBy: c.by,
          collectedAt: c.at,
        },
      },
    ],
    accession: [
      {
        type: 'LabAccessionNumberAssigned',
        data: { sequence, accessionNumber, orderId: c.orderId, specimenId: c.specimenId, assignedAt: c.at },
      },
    ],
  };
}

/** The current specimen; a scanned label must be its label. */
function requireSpecimen(order: LabOrderState, accessionNumber: string | null) {
  requireActiveOrder(order);
  const specimen = order.specimen;
  if (specimen === null) violate('specimen-not-collected');
  if (accessionNumber !== null && specimen.accessionNumber !== accessionNumber) violate('wrong-specimen');
  return specimen;
}

export function receiveSpecimen(c: ReceiveSpecimen, order: LabOrderState): { order: Events } {
  const specimen = requireSpecimen(order, c.accessionNumber);
  if (specimen.received) violate('specimen-already-received');
  return {
    order: [
      {
        type: 'LabSpecimenReceived',
        data: {
          orderId: c.orderId,
          specimenId: specimen.specimenId,
          accessionNumber: specimen.accessionNumber,
          receivedAt: c.at,
        },
      },
    ],
  };
}

/** The order goes back to awaiting collection: the state forgets the specimen. */
export function rejectSpecimen(c: RejectSpecimen, order: LabOrderState): { order: Events } {
  const specimen = requireSpecimen(order, c.accessionNumber);
  if (specimen.resulted) violate('specimen-already-resulted');
  return {
    order: [
      {
        type: 'LabSpecimenRejected',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          specimenId: specimen.specimenId,
          accessionNumber: specimen.accessionNumber,
          reason: c.reason,
          note: c.note,
          rejectedAt: c.at,
        },
      },
    ],
  };
}

// ── results ──────────────────────────────────────────────────────────────────────────────────

function requireOrderedTest(order: LabOrderState, testCode: string): OrderedTest {
  requireActiveOrder(order);
  const test = order.tests[testCode];
  if (!test) violate('test-not-in-order');
  return test;
}

/**
 * Checks the value against the test's definition and computes its flag from the range in force
 * for the patient's sex and age at collection. The client never sends a flag.
 */
function interpret(value: EnteredValue, test: LabTestState, patient: PatientState, collectedAt: string) {
  const definition = requireTest(test);
  const given = [value.valueNumber, value.valueCode, value.valueText].filter((v) => v !== null).length;
  const kindValue = {
    numeric: value.valueNumber,
    coded: value.valueCode,
    text: value.valueText,
  }[definition.resultKind];
  if (given !== 1 || kindValue === null) violate('value-kind-mismatch', { resultKind: definition.resultKind });
  let flag: Flag = 'none';
  let applied = appliedRange(null, test.rangesVersion);
  if (definition.resultKind === 'numeric') {
    if (value.unit !== definition.unit) violate('unit-mismatch', { expectedUnit: definition.unit ?? '' });
    const range = rangeFor(test.ranges, patient.identity?.sex ?? null, ageInDays(patient.birthDate, collectedAt));
    flag = numericFlag(value.valueNumber as number, range);
    applied = appliedRange(range, test.rangesVersion);
  } else {
    if (value.unit !== null) violate('unit-mismatch', { expectedUnit: '' });
    if (definition.resultKind === 'coded') {
      const code = definition.codedValues.find((v) => v.code === value.valueCode);
      if (!code) violate('unknown-result-code', { allowedCodes: definition.codedValues.map((v) => v.code).join(' ') });
      flag = codedFlag(code);
    }
  }
  return {
    value: { valueNumber: value.valueNumber, valueCode: value.valueCode, valueText: value.valueText, unit: value.unit },
    flag,
    applied,
  };
}

function criticalRaised(
  c: { orderId: string; testCode: string; at: string },
  order: LabOrderState,
  flag: Flag,
  valueNumber: number | null,
  unit: string | null,
): Events {
  if (!isCritical(flag) || valueNumber === null) return [];
  return [
    {
      type: 'LabCriticalResultRaised',
      data: {
        orderId: c.orderId,
        patientId: order.patientId ?? '',
        testCode: c.testCode,
        wardId: order.wardId,
        flag,
        valueNumber,
        unit,
        raisedAt: c.at,
      },
    },
  ];
}

/** A referred test may be resulted once its result returns; others need the received specimen. */
export function recordResult(
  c: RecordResult,
  order: LabOrderState,
  test: LabTestState,
  patient: PatientState,
): { order: Events } {
  const ordered = requireOrderedTest(order, c.testCode);
  if (ordered.status !== 'registered') violate('result-already-recorded');
  const specimen = order.specimen;
  if (ordered.referredTo === null && (specimen === null || !specimen.received)) violate('specimen-not-received');
  const accessionNumber = specimen?.accessionNumber ?? '';
  const { value, flag, applied } = interpret(c, test, patient, order.collectedAt ?? c.at);
  return {
    order: [
      {
        type: 'LabResultRecorded',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCode: c.testCode,
          accessionNumber,
          ...value,
          flag,
          ...applied,
          performer: ordered.referredTo,
          comment: c.comment,
          enteredBy: c.by,
          recordedAt: c.at,
        },
      },
      ...criticalRaised(c, order, flag, value.valueNumber, value.unit),
    ],
  };
}

export function acknowledgeCriticalResult(c: AcknowledgeCriticalResult, order: LabOrderState): { order: Events } {
  const ordered = requireOrderedTest(order, c.testCode);
  if (!ordered.criticalOpen) violate('no-open-critical-result');
  if (!c.readBack) violate('read-back-not-confirmed');
  if (Date.parse(c.notifiedAt) > Date.parse(c.at)) violate('notified-in-future');
  return {
    order: [
      {
        type: 'LabCriticalResultAcknowledged',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCode: c.testCode,
          notifiedPerson: c.notifiedPerson,
          notifiedAt: c.notifiedAt,
          readBack: true,
          acknowledgedBy: c.by,
          acknowledgedAt: c.at,
        },
      },
    ],
  };
}

export function verifyResult(c: VerifyResult, order: LabOrderState): { order: Events } {
  const ordered = requireOrderedTest(order, c.testCode);
  if (ordered.status !== 'preliminary') violate('result-not-preliminary');
  if (ordered.enteredBy === c.by) violate('verifier-entered-result');
  return {
    order: [
      {
        type: 'LabResultVerified',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCode: c.testCode,
          verifiedBy: c.by,
          verifiedAt: c.at,
        },
      },
    ],
  };
}

/** The flag is recomputed from the range in force now; a critical value raises the critical event again. */
export function amendResult(
  c: AmendResult,
  order: LabOrderState,
  test: LabTestState,
  patient: PatientState,
): { order: Events } {
  const ordered = requireOrderedTest(order, c.testCode);
  if (!isReleased(ordered.status)) violate('result-not-final');
  const { value, flag, applied } = interpret(c, test, patient, order.collectedAt ?? c.at);
  return {
    order: [
      {
        type: 'LabResultAmended',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCode: c.testCode,
          kind: c.kind,
          ...value,
          flag,
          ...applied,
          reason: c.reason,
          amendedBy: c.by,
          amendedAt: c.at,
        },
      },
      ...criticalRaised(c, order, flag, value.valueNumber, value.unit),
    ],
  };
}

export function referTest(c: ReferTest, order: LabOrderState): { order: Events } {
  const ordered = requireOrderedTest(order, c.testCode);
  if (ordered.referredTo !== null) violate('test-already-referred');
  if (ordered.status !== 'registered') violate('result-already-recorded');
  if (order.specimen === null || !order.specimen.received) violate('specimen-not-received');
  return {
    order: [
      {
        type: 'LabTestReferredOut',
        data: {
          orderId: c.orderId,
          patientId: order.patientId ?? '',
          testCode: c.testCode,
          laboratory: c.laboratory,
          referredAt: c.at,
        },
      },
    ],
  };
}

// ── erasure ──────────────────────────────────────────────────────────────────────────────────

/**
 * The laboratory's copy of an erasure: the patient's stream must record it (so no one wipes lab
 * data without erasing the patient), and it happens once.
 */
export function eraseLabPatientData(
  c: EraseLabPatientData,
  labPatient: LabPatientState,
  patient: PatientState,
): { labPatient: Events } {
  if (!patient.registered) violate('patient-not-found');
  if (!patient.personalDataErased) violate('patient-not-erased');
  if (labPatient.erased) violate('lab-patient-data-already-erased');
  return { labPatient: [{ type: 'LabPatientDataErased', data: { patientId: c.patientId, erasedAt: c.at } }] };
}
