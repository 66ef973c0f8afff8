import { z } from 'zod';
import { type StayState, stayAggregate } from '../admissions/index.js';
import { DEFAULT_HOSPITAL_SETTINGS } from '../hospitals/index.js';
import { type PatientState, patientAggregate } from '../patients/index.js';
import type { CommandSpec, Role } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import {
  ACCESSION_REGISTRY_ID,
  type AccessionRegistryState,
  accessionRegistryAggregate,
  isValidAccessionNumber,
} from './accession.js';
import { type LabPanelState, type LabTestState, labPanelAggregate, labTestAggregate } from './catalogue.js';
import type { OrderTests } from './commands.js';
import * as decider from './decider.js';
import { type LabOrderState, labOrderAggregate } from './order.js';
import { labPatientAggregate } from './patient-data.js';

/**
 * The laboratory module's commands as the command server serves them. Roles: physicians order and
 * acknowledge criticals (nurses too: they take the phone call); nurses and technicians collect;
 * technicians receive, reject, result and refer out; supervisors verify, amend and correct and,
 * with admins, keep the catalogue.
 */

const MODULE = 'laboratory';
const CATALOGUE: readonly Role[] = ['lab_supervisor', 'admin'];
const BENCH: readonly Role[] = ['lab_technician', 'lab_supervisor'];
const SUPERVISORS: readonly Role[] = ['lab_supervisor'];

const uuid = (what: string) => z.uuid().describe(what);
const orderId = uuid('The lab order.');
const loinc = (what: string) =>
  z
    .string()
    .regex(/^\d{1,7}-\d$/, 'Expected a LOINC code: digits, a hyphen and the check digit, e.g. 2823-3')
    .describe(`${what} (LOINC code, e.g. 2823-3).`);
const testCode = loinc('The test');
const accessionNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidAccessionNumber, {
    message: 'Not an accession number (L, 8 digits, check character) or its check character is wrong: rescan the label',
  })
  .describe(
    'The accession number scanned from the label, e.g. L00000001D (its check character is verified, and it must be the order’s current specimen). Left out: the order’s current specimen.',
  );
const freeText = (what: string, max = 2000) => z.string().trim().min(1).max(max).describe(what);
const minutes = (what: string) => z.int().min(1).max(43_200).optional().describe(`${what}, minutes (1 to 30 days).`);

const order = (id: string): TypedStreamRef<LabOrderState> => ({ aggregate: labOrderAggregate, id });
const test = (code: string): TypedStreamRef<LabTestState> => ({ aggregate: labTestAggregate, id: code });
const panel = (code: string): TypedStreamRef<LabPanelState> => ({ aggregate: labPanelAggregate, id: code });
const patient = (id: string): TypedStreamRef<PatientState> => ({ aggregate: patientAggregate, id });
const stay = (id: string): TypedStreamRef<StayState> => ({ aggregate: stayAggregate, id });
const registry: TypedStreamRef<AccessionRegistryState> = {
  aggregate: accessionRegistryAggregate,
  id: ACCESSION_REGISTRY_ID,
  tail: true,
};

const SECTIONS = {
  chemistry: 'clinical chemistry',
  haematology: 'blood counts and films',
  coagulation: 'clotting tests',
  immunology: 'immunology and serology',
  microbiology: 'cultures and sensitivities',
  urinalysis: 'urine tests',
  blood_bank: 'transfusion (group and crossmatch)',
  other: 'any other bench',
} as const;
const SPECIMEN_TYPES = {
  whole_blood: 'whole blood (EDTA)',
  serum: 'serum',
  plasma: 'plasma',
  urine: 'urine',
  csf: 'cerebrospinal fluid',
  swab: 'swab',
  stool: 'stool',
  sputum: 'sputum',
  other: 'anything else',
} as const;
const PRIORITIES = {
  routine: 'normal priority',
  urgent: 'before routine work',
  asap: 'as soon as possible, before urgent work',
  stat: 'immediately, highest priority',
} as const;

export const defineTest = defineCommand({
  module: MODULE,
  name: 'define-test',
  summary:
    'Add a test to the hospital’s catalogue under its LOINC code: section, specimen type, result kind (numeric with a UCUM unit, coded with its answers, or text) and turnaround targets per priority.',
  roles: CATALOGUE,
  body: z.strictObject({
    testCode,
    name: freeText('Display name, e.g. "Potassium".', 120),
    section: describedCodes('Lab section (bench) that performs it.', SECTIONS),
    specimenType: describedCodes('Specimen it is done on.', SPECIMEN_TYPES),
    resultKind: describedCodes('What a result holds.', {
      numeric: 'a number in the test’s unit, flagged by reference ranges',
      coded: 'one of the test’s codes, each normal or abnormal',
      text: 'free text (personal)',
    }),
    unit: z.string().trim().min(1).max(32).optional().describe('UCUM unit of a numeric test, e.g. mmol/L.'),
    codedValues: z
      .array(
        z.strictObject({
          code: z.string().trim().min(1).max(64).describe('The answer code.'),
          display: freeText('Display text.', 120),
          abnormal: z.boolean().describe('A result with this code is flagged abnormal.'),
        }),
      )
      .max(50)
      .optional()
      .describe('Allowed answers of a coded test.'),
    turnaroundMinutes: z
      .strictObject({
        stat: minutes('Target for stat orders'),
        asap: minutes('Target for asap orders'),
        urgent: minutes('Target for urgent orders'),
        routine: minutes('Target for routine orders'),
      })
      .optional()
      .describe('Targets order → final result; a priority left out uses the hospital’s setting.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'DefineTest' as const,
    testCode: body.testCode,
    name: body.name,
    section: body.section,
    specimenType: body.specimenType,
    resultKind: body.resultKind,
    unit: body.unit ?? null,
    codedValues: body.codedValues ?? [],
    turnaroundMinutes: {
      stat: body.turnaroundMinutes?.stat ?? null,
      asap: body.turnaroundMinutes?.asap ?? null,
      urgent: body.turnaroundMinutes?.urgent ?? null,
      routine: body.turnaroundMinutes?.routine ?? null,
    },
    at: ctx.now,
  }),
  streams: (c) => ({ test: test(c.testCode) }),
  decide: (c, loaded) => decider.defineTest(c, loaded.test.state),
});

const limit = (what: string) => z.number().finite().optional().describe(what);

export const setReferenceRanges = defineCommand({
  module: MODULE,
  name: 'set-reference-ranges',
  summary:
    'Set a numeric test’s reference ranges by sex and age band (age at specimen collection), each with low/high and critical limits. Applies to results recorded after it; earlier results keep their flags.',
  roles: CATALOGUE,
  body: z.strictObject({
    testCode,
    ranges: z
      .array(
        z.strictObject({
          sex: describedCodes('Sex the range applies to.', {
            any: 'everyone (other and unknown sex match only these)',
            female: 'female',
            male: 'male',
          }),
          minAgeDays: z.int().min(0).max(54_750).describe('Youngest age, days (inclusive).'),
          maxAgeDays: z.int().min(1).max(54_750).optional().describe('Oldest age, days (exclusive); none: no bound.'),
          low: limit('Below this the value is low.'),
          high: limit('Above this the value is high.'),
          criticalLow: limit('Below this the value is critically low.'),
          criticalHigh: limit('Above this the value is critically high.'),
        }),
      )
      .min(1)
      .max(30)
      .describe('The ranges; no two may apply to one sex and age.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'SetReferenceRanges' as const,
    testCode: body.testCode,
    ranges: body.ranges.map((r) => ({
      sex: r.sex,
      minAgeDays: r.minAgeDays,
      maxAgeDays: r.maxAgeDays ?? null,
      low: r.low ?? null,
      high: r.high ?? null,
      criticalLow: r.criticalLow ?? null,
      criticalHigh: r.criticalHigh ?? null,
    })),
    at: ctx.now,
  }),
  streams: (c) => ({ test: test(c.testCode) }),
  decide: (c, loaded) => decider.setReferenceRanges(c, loaded.test.state),
});

type PanelRefs = { panel: TypedStreamRef<LabPanelState> } & { [key: `test:${string}`]: TypedStreamRef<LabTestState> };

export const definePanel = defineCommand({
  module: MODULE,
  name: 'define-panel',
  summary: 'Add a panel (tests ordered together on one specimen) to the catalogue; its tests must be defined.',
  roles: CATALOGUE,
  body: z.strictObject({
    panelCode: loinc('The panel'),
    name: freeText('Display name, e.g. "Basic metabolic panel".', 120),
    testCodes: z
      .array(testCode)
      .min(2)
      .max(40)
      .refine((codes) => new Set(codes).size === codes.length, { message: 'Each test may appear once' })
      .describe('LOINC codes of its tests.'),
  }),
  toCommand: (body, ctx) => ({ type: 'DefinePanel' as const, ...body, at: ctx.now }),
  streams: (c): PanelRefs => ({
    panel: panel(c.panelCode),
    ...Object.fromEntries(c.testCodes.map((code) => [`test:${code}`, test(code)])),
  }),
  decide: (c, loaded) =>
    decider.definePanel(
      c,
      loaded.panel.state,
      c.testCodes.map((code) => (loaded[`test:${code}`] as { state: LabTestState }).state),
    ),
});

type OrderRefs = {
  order: TypedStreamRef<LabOrderState>;
  patient: TypedStreamRef<PatientState>;
  panel: TypedStreamRef<LabPanelState>;
  stay: TypedStreamRef<StayState>;
} & { [key: `test:${string}`]: TypedStreamRef<LabTestState> };

export const orderTests = defineCommand({
  module: MODULE,
  name: 'order-tests',
  summary:
    'Order one test or a panel for a registered, living, not-voided patient, with a priority. The patient’s planned or active stay (and its ward) is named on the order for billing and the ward’s order list.',
  roles: ['physician'],
  body: z
    .strictObject({
      patientId: uuid('The patient.'),
      testCode: testCode.optional(),
      panelCode: loinc('The panel').optional(),
      priority: describedCodes('How soon (FHIR request-priority).', PRIORITIES),
      orderingPractitionerId: z
        .string()
        .trim()
        .min(1)
        .max(100)
        .optional()
        .describe('The practitioner the order is for, when not the caller; default the token subject.'),
      wardId: uuid('The ordering ward; default the ward of the patient’s stay.').optional(),
    })
    .superRefine((body, ctx) => {
      if ((body.testCode === undefined) === (body.panelCode === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [body.testCode === undefined ? 'testCode' : 'panelCode'],
          message: 'Send exactly one of testCode and panelCode',
        });
    }),
  toCommand: (body, ctx): OrderTests => ({
    type: 'OrderTests',
    orderId: ctx.newId(),
    patientId: body.patientId,
    testCode: body.testCode ?? null,
    panelCode: body.panelCode ?? null,
    priority: body.priority,
    orderingPractitionerId: body.orderingPractitionerId ?? ctx.actor.id,
    wardId: body.wardId ?? null,
    at: ctx.now,
  }),
  // The patient, panel, tests and stay are only read; the order stream is the one written.
  streams: (c): OrderRefs =>
    ({
      order: order(c.orderId),
      patient: patient(c.patientId),
      ...(c.panelCode !== null ? { panel: panel(c.panelCode) } : { [`test:${c.testCode}`]: test(c.testCode ?? '') }),
    }) as OrderRefs,
  following: (c, loaded) => {
    const more: Record<string, TypedStreamRef<unknown>> = {};
    const stayId = loaded.patient.state.activeStayIds[0];
    if (stayId !== undefined) more.stay = stay(stayId);
    if (c.panelCode !== null) for (const code of loaded.panel.state.testCodes) more[`test:${code}`] = test(code);
    return more as Partial<OrderRefs>;
  },
  // The hospital's turnaround targets in force when the order is placed.
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) => {
    const tests: Record<string, LabTestState> = {};
    for (const [key, value] of Object.entries(loaded))
      if (key.startsWith('test:')) tests[key.slice(5)] = (value as { state: LabTestState }).state;
    const stayId = loaded.patient.state.activeStayIds[0];
    return decider.orderTests(
      c,
      loaded.patient.state,
      stayId !== undefined && loaded.stay ? { id: stayId, state: loaded.stay.state } : null,
      c.panelCode !== null ? loaded.panel.state : null,
      tests,
      settings?.labTurnaroundMinutes ?? DEFAULT_HOSPITAL_SETTINGS.labTurnaroundMinutes,
    );
  },
});

export const cancelOrder = defineCommand({
  module: MODULE,
  name: 'cancel-order',
  summary: 'Cancel an order before any of its results is final.',
  roles: ['physician', 'lab_supervisor'],
  body: z.strictObject({
    orderId,
    reason: describedCodes('Why the order is cancelled.', {
      entered_in_error: 'ordered by mistake',
      no_longer_needed: 'the test is no longer needed',
      duplicate: 'the same test is already ordered',
      patient_declined: 'the patient declined',
      other: 'any other reason',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'CancelOrder' as const, ...body, at: ctx.now }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.cancelOrder(c, loaded.order.state),
});

export const collectSpecimen = defineCommand({
  module: MODULE,
  name: 'collect-specimen',
  // Every collection in a hospital appends to its one accession registry: a nurse who lost the
  // race is decided again on the next number rather than refused, so a ward's morning blood round
  // collected at once gets every specimen its own number. (A second collection of the same order
  // is still refused by its rule on the retry.)
  conflictRetries: 20,
  summary:
    'Record that the order’s specimen was taken; the answer carries its new accession number (unique in the hospital, with a check character) for the label.',
  roles: ['nurse', 'lab_technician'],
  body: z.strictObject({ orderId }),
  toCommand: (body, ctx) => ({
    type: 'CollectSpecimen' as const,
    orderId: body.orderId,
    specimenId: ctx.newId(),
    by: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c) => ({ order: order(c.orderId), accession: registry }),
  decide: (c, loaded) => decider.collectSpecimen(c, loaded.order.state, loaded.accession.state),
});

export const receiveSpecimen = defineCommand({
  module: MODULE,
  name: 'receive-specimen',
  summary: 'The lab received the specimen (a scanned accession number must be the order’s).',
  roles: BENCH,
  body: z.strictObject({ orderId, accessionNumber: accessionNumber.optional() }),
  toCommand: (body, ctx) => ({
    type: 'ReceiveSpecimen' as const,
    orderId: body.orderId,
    accessionNumber: body.accessionNumber ?? null,
    at: ctx.now,
  }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.receiveSpecimen(c, loaded.order.state),
});

export const rejectSpecimen = defineCommand({
  module: MODULE,
  name: 'reject-specimen',
  summary:
    'Reject the specimen as unsatisfactory, with a reason: it cannot be resulted and the order goes back to awaiting collection.',
  roles: BENCH,
  body: z.strictObject({
    orderId,
    accessionNumber: accessionNumber.optional(),
    reason: describedCodes('Why the specimen is unsatisfactory.', {
      haemolysed: 'red cells burst',
      clotted: 'clotted in an anticoagulated tube',
      insufficient: 'too little to test',
      mislabelled: 'label does not match the request',
      unlabelled: 'no label',
      wrong_container: 'wrong tube or container',
      contaminated: 'contaminated',
      leaked: 'leaked in transport',
      too_old: 'arrived too late to test',
      other: 'any other reason',
    }),
    note: freeText('Free-text note (personal).', 500).optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'RejectSpecimen' as const,
    orderId: body.orderId,
    accessionNumber: body.accessionNumber ?? null,
    reason: body.reason,
    note: body.note ?? null,
    at: ctx.now,
  }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.rejectSpecimen(c, loaded.order.state),
});

const value = {
  valueNumber: z.number().finite().optional().describe('A numeric result, in the test’s unit.'),
  valueCode: z.string().trim().min(1).max(64).optional().describe('A coded result: one of the test’s codes.'),
  valueText: freeText('A text result (personal).').optional(),
  unit: z.string().trim().min(1).max(32).optional().describe('UCUM unit of a numeric result; must be the test’s.'),
};
const entered = (body: { valueNumber?: number; valueCode?: string; valueText?: string; unit?: string }) => ({
  valueNumber: body.valueNumber ?? null,
  valueCode: body.valueCode ?? null,
  valueText: body.valueText ?? null,
  unit: body.unit ?? null,
});

/** The patient (sex, birth date) is read to pick the reference range; it is named by the order. */
const resultFollowing = (loaded: { order: { state: LabOrderState } }) =>
  loaded.order.state.patientId === null ? {} : { patient: patient(loaded.order.state.patientId) };

type ResultRefs = {
  order: TypedStreamRef<LabOrderState>;
  test: TypedStreamRef<LabTestState>;
  patient: TypedStreamRef<PatientState>;
};

export const recordResult = defineCommand({
  module: MODULE,
  name: 'record-result',
  summary:
    'Record a test’s result from the received specimen (or from the external lab of a referred test). The flag is computed from the range in force for the patient’s sex and age at collection; a critical value raises a critical result.',
  roles: BENCH,
  body: z.strictObject({
    orderId,
    testCode,
    ...value,
    comment: freeText('Free-text result comment (personal).').optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordResult' as const,
    orderId: body.orderId,
    testCode: body.testCode,
    ...entered(body),
    comment: body.comment ?? null,
    by: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c): Omit<ResultRefs, 'patient'> & Partial<ResultRefs> => ({
    order: order(c.orderId),
    test: test(c.testCode),
  }),
  following: (_c, loaded) => resultFollowing(loaded),
  decide: (c, loaded) =>
    decider.recordResult(
      c,
      loaded.order.state,
      loaded.test.state,
      loaded.patient?.state ?? patientAggregate.initialState,
    ),
});

export const acknowledgeCriticalResult = defineCommand({
  module: MODULE,
  name: 'acknowledge-critical-result',
  summary: 'Close an open critical result: whom the clinician told, when, and that the value was read back.',
  roles: ['physician', 'nurse'],
  body: z.strictObject({
    orderId,
    testCode,
    notifiedPerson: freeText('Whom the result was told to: name and role (personal).', 200),
    notifiedAt: z.iso
      .datetime({ offset: true, error: 'Expected an ISO-8601 date-time with a UTC offset, e.g. 2026-03-01T14:30:00Z' })
      .optional()
      .describe('When they were told, ISO-8601 (not after now); default now.'),
    readBack: z.boolean().describe('The person told read the value back (required to be true).'),
  }),
  toCommand: (body, ctx) => ({
    type: 'AcknowledgeCriticalResult' as const,
    ...body,
    notifiedAt: body.notifiedAt === undefined ? ctx.now : new Date(body.notifiedAt).toISOString(),
    by: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.acknowledgeCriticalResult(c, loaded.order.state),
});

export const verifyResult = defineCommand({
  module: MODULE,
  name: 'verify-result',
  summary: 'Verify and release a result (final). The person who entered it can never verify it.',
  roles: SUPERVISORS,
  body: z.strictObject({ orderId, testCode }),
  toCommand: (body, ctx) => ({ type: 'VerifyResult' as const, ...body, by: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.verifyResult(c, loaded.order.state),
});

export const amendResult = defineCommand({
  module: MODULE,
  name: 'amend-result',
  summary:
    'Amend or correct a final result with a reason: the earlier value stays in the history as superseded, the flag is recomputed, and a critical value raises the critical result again.',
  roles: SUPERVISORS,
  body: z.strictObject({
    orderId,
    testCode,
    kind: describedCodes('What kind of change.', {
      amended: 'new information changed the result',
      corrected: 'an error in the result was fixed',
    }),
    ...value,
    reason: freeText('Why the result changes (personal).', 1000),
  }),
  toCommand: (body, ctx) => ({
    type: 'AmendResult' as const,
    orderId: body.orderId,
    testCode: body.testCode,
    kind: body.kind,
    ...entered(body),
    reason: body.reason,
    by: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c): Omit<ResultRefs, 'patient'> & Partial<ResultRefs> => ({
    order: order(c.orderId),
    test: test(c.testCode),
  }),
  following: (_c, loaded) => resultFollowing(loaded),
  decide: (c, loaded) =>
    decider.amendResult(
      c,
      loaded.order.state,
      loaded.test.state,
      loaded.patient?.state ?? patientAggregate.initialState,
    ),
});

export const referTest = defineCommand({
  module: MODULE,
  name: 'refer-test',
  summary: 'Send a test of the order (whose specimen was received) to an external laboratory.',
  roles: BENCH,
  body: z.strictObject({
    orderId,
    testCode,
    laboratory: freeText('Name of the external laboratory.', 200),
  }),
  toCommand: (body, ctx) => ({ type: 'ReferTest' as const, ...body, at: ctx.now }),
  streams: (c) => ({ order: order(c.orderId) }),
  decide: (c, loaded) => decider.referTest(c, loaded.order.state),
});

export const eraseLabPatientData = defineCommand({
  module: MODULE,
  name: 'erase-patient-lab-data',
  summary:
    'Drop the laboratory’s copy of an erased patient’s personal data (result comments, text results, whom a critical result was told to) from its read models. Sent by the laboratory’s process manager when the patient is erased; an admin may send it again for an erasure it missed.',
  roles: ['admin'],
  body: z.strictObject({ patientId: uuid('The erased patient.') }),
  toCommand: (body, ctx) => ({ type: 'EraseLabPatientData' as const, patientId: body.patientId, at: ctx.now }),
  // The patient stream is only read: it must record the erasure.
  streams: (c) => ({
    labPatient: { aggregate: labPatientAggregate, id: c.patientId },
    patient: patient(c.patientId),
  }),
  decide: (c, loaded) => decider.eraseLabPatientData(c, loaded.labPatient.state, loaded.patient.state),
});

export const laboratoryCommands: readonly CommandSpec[] = [
  defineTest,
  setReferenceRanges,
  definePanel,
  orderTests,
  cancelOrder,
  collectSpecimen,
  receiveSpecimen,
  rejectSpecimen,
  recordResult,
  acknowledgeCriticalResult,
  verifyResult,
  amendResult,
  referTest,
  eraseLabPatientData,
];
