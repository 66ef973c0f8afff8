import { type Document, ERASED } from '@chartline/infra';
import type { LabStage } from '@chartline/kernel';
import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import type { EventNameOf } from '../runtime/event-data.js';
import type { ProjectionContext } from '../runtime/projection.js';
import { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS, type LaboratoryView, laboratoryViews } from './views.js';

type Lab = 'laboratory';
type Handler<N extends EventNameOf<Lab>> = HandlerOf<Lab, N, LaboratoryView>;
type Ctx = ProjectionContext<LaboratoryView>;

const MINUTE_MS = 60_000;
/** How far along a stage is: an order's status is its least advanced test's stage. */
const PROGRESS: Readonly<Record<LabStage, number>> = {
  awaiting_collection: 0,
  awaiting_receipt: 1,
  in_progress: 2,
  awaiting_verification: 3,
  final: 4,
  amended: 4,
  corrected: 4,
  cancelled: 5,
};

const itemId = (orderId: string, testCode: string) => `${orderId}:${testCode}`;

/** What decides whether an event moves a test: its stage and whether it was referred out. */
type Picks = (testCode: string, stage: LabStage, referredTo: unknown) => boolean;

/**
 * Moves the order's tests that `which` picks to `stage` (each with what `setFor` gives, from the
 * test's own document), and the order's stages and status with them.
 *
 * Each document decides from its own state only: a test's document by its own stage, the order's
 * stages by the order's record of them. A projector writes a batch's documents one by one, so a
 * kill -9 can leave the order's document ahead of its tests' (or behind); the batch is then
 * delivered again, and a test judged by the order's (newer) stages would never be moved. The
 * position guard lets one event reach a document only once.
 */
async function moveTests(
  ctx: Ctx,
  orderId: string,
  which: Picks,
  stage: LabStage,
  setFor: (item: Document) => Promise<Document | null> | Document | null,
  orderSet: Document = {},
) {
  const order = await ctx.read(LAB_ORDERS, orderId);
  const stages = { ...((order?.stages as Record<string, LabStage> | undefined) ?? {}) };
  const referred = (order?.referred as Record<string, string> | undefined) ?? {};
  // The order may list a test whose document a crash left unwritten: its own ordering event, delivered again, writes it.
  for (const testCode of Object.keys(stages)) {
    const item = await ctx.read(LAB_ORDER_TESTS, itemId(orderId, testCode));
    if (item === null || !which(testCode, item.stage as LabStage, item.referredTo)) continue;
    const set = await setFor(item);
    if (set !== null) await ctx.write(LAB_ORDER_TESTS, itemId(orderId, testCode), { $set: { stage, ...set } });
  }
  for (const [testCode, current] of Object.entries(stages)) {
    if (which(testCode, current, referred[testCode] ?? null)) stages[testCode] = stage;
  }
  const least = Object.values(stages).reduce<LabStage>(
    (least, s) => (PROGRESS[s] < PROGRESS[least] ? s : least),
    'cancelled',
  );
  // An order whose results are all released is final, whether or not one was amended since.
  const status: LabStage = least === 'amended' || least === 'corrected' ? 'final' : least;
  await ctx.write(LAB_ORDERS, orderId, { $set: { stages, status, ...orderSet } });
}

const inStage =
  (...from: LabStage[]): Picks =>
  (_code, stage) =>
    from.includes(stage);
const only =
  (testCode: string): Picks =>
  (code) =>
    code === testCode;

const resultValue = (d: Record<string, unknown>, recordedAt: string) => ({
  valueNumber: d.valueNumber ?? null,
  valueCode: d.valueCode ?? null,
  valueText: d.valueText ?? null,
  unit: d.unit ?? null,
  flag: d.flag,
  rangeLow: d.rangeLow ?? null,
  rangeHigh: d.rangeHigh ?? null,
  criticalLow: d.criticalLow ?? null,
  criticalHigh: d.criticalHigh ?? null,
  recordedAt,
});

const ordered: Handler<'LabTestOrdered'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_ORDER_TESTS, itemId(d.orderId, d.testCode), {
    $set: {
      orderId: d.orderId,
      testCode: d.testCode,
      testName: d.testName,
      section: d.section,
      specimenType: d.specimenType,
      panelCode: d.panelCode ?? null,
      patientId: d.patientId,
      stayId: d.stayId ?? null,
      wardId: d.wardId ?? null,
      priority: d.priority,
      orderingPractitionerId: d.orderingPractitionerId,
      turnaroundTargetMinutes: d.turnaroundTargetMinutes,
      orderedAt: d.orderedAt,
      dueAt: new Date(Date.parse(d.orderedAt) + d.turnaroundTargetMinutes * MINUTE_MS).toISOString(),
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
    },
  });
  const order = await ctx.read(LAB_ORDERS, d.orderId);
  const testCodes = [...((order?.testCodes as string[] | undefined) ?? []), d.testCode];
  await ctx.write(LAB_ORDERS, d.orderId, {
    $set: {
      orderId: d.orderId,
      patientId: d.patientId,
      stayId: d.stayId ?? null,
      wardId: d.wardId ?? null,
      priority: d.priority,
      panelCode: d.panelCode ?? null,
      orderingPractitionerId: d.orderingPractitionerId,
      orderedAt: d.orderedAt,
      testCodes,
      stages: {
        ...((order?.stages as Record<string, LabStage> | undefined) ?? {}),
        [d.testCode]: 'awaiting_collection',
      },
      status: 'awaiting_collection',
      accessionNumber: null,
      criticalOpen: (order?.criticalOpen as boolean | undefined) ?? false,
      criticalTests: (order?.criticalTests as string[] | undefined) ?? [],
      referred: (order?.referred as Record<string, string> | undefined) ?? {},
    },
  });
};

const cancelled: Handler<'LabOrderCancelled'> = async ({ data: d }, ctx) => {
  await moveTests(
    ctx,
    d.orderId,
    (code) => d.testCodes.includes(code),
    'cancelled',
    () => ({}),
  );
};

const collected: Handler<'LabSpecimenCollected'> = async ({ data: d }, ctx) => {
  const set = { accessionNumber: d.accessionNumber, collectedAt: d.collectedAt, receivedAt: null };
  await moveTests(ctx, d.orderId, inStage('awaiting_collection'), 'awaiting_receipt', () => set, {
    accessionNumber: d.accessionNumber,
  });
};

const received: Handler<'LabSpecimenReceived'> = async ({ data: d }, ctx) => {
  await moveTests(ctx, d.orderId, inStage('awaiting_receipt'), 'in_progress', () => ({ receivedAt: d.receivedAt }));
};

const rejected: Handler<'LabSpecimenRejected'> = async ({ data: d }, ctx) => {
  await moveTests(
    ctx,
    d.orderId,
    // A referred test keeps its stage: its specimen is at the external laboratory.
    (code, stage, referredTo) =>
      inStage('awaiting_receipt', 'in_progress')(code, stage, referredTo) && referredTo == null,
    'awaiting_collection',
    (item) => ({
      accessionNumber: null,
      collectedAt: null,
      receivedAt: null,
      rejections: ((item.rejections as number | undefined) ?? 0) + 1,
    }),
    { accessionNumber: null },
  );
};

const recorded: Handler<'LabResultRecorded'> = async (event, ctx) => {
  const d = await ctx.reveal(event, event.data.patientId);
  const set = {
    result: resultValue(d, event.data.recordedAt),
    comment: d.comment ?? null,
    enteredBy: event.data.enteredBy,
    performer: event.data.performer ?? null,
  };
  await moveTests(ctx, event.data.orderId, only(event.data.testCode), 'awaiting_verification', () => set);
};

const verified: Handler<'LabResultVerified'> = async ({ data: d }, ctx) => {
  const set = { finalAt: d.verifiedAt, verifiedBy: d.verifiedBy };
  await moveTests(ctx, d.orderId, only(d.testCode), 'final', () => set);
};

const amended: Handler<'LabResultAmended'> = async (event, ctx) => {
  const d = await ctx.reveal(event, event.data.patientId);
  const item = await ctx.read(LAB_ORDER_TESTS, itemId(event.data.orderId, event.data.testCode));
  const superseded = [...((item?.superseded as Document[] | undefined) ?? [])];
  if (item?.result) superseded.push(item.result as Document);
  const set = { result: resultValue(d, event.data.amendedAt), superseded };
  await moveTests(ctx, event.data.orderId, only(event.data.testCode), event.data.kind, () => set);
};

/**
 * The order's tests with an open critical result, kept on the order's own document (not read from
 * its tests' documents, which a crash may leave ahead of or behind it): whether any is open.
 */
async function setCriticalOpen(ctx: Ctx, orderId: string, testCode: string, open: boolean) {
  const order = await ctx.read(LAB_ORDERS, orderId);
  const tests = new Set((order?.criticalTests as string[] | undefined) ?? []);
  if (open) tests.add(testCode);
  else tests.delete(testCode);
  await ctx.write(LAB_ORDERS, orderId, { $set: { criticalTests: [...tests].sort(), criticalOpen: tests.size > 0 } });
}

const criticalRaised: Handler<'LabCriticalResultRaised'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_ORDER_TESTS, itemId(d.orderId, d.testCode), {
    $set: {
      criticalOpen: true,
      critical: {
        flag: d.flag,
        valueNumber: d.valueNumber,
        unit: d.unit ?? null,
        raisedAt: d.raisedAt,
        acknowledgedAt: null,
        acknowledgedBy: null,
        notifiedPerson: null,
        notifiedAt: null,
      },
    },
  });
  await setCriticalOpen(ctx, d.orderId, d.testCode, true);
};

const criticalAcknowledged: Handler<'LabCriticalResultAcknowledged'> = async (event, ctx) => {
  const d = await ctx.reveal(event, event.data.patientId);
  const { orderId, testCode } = event.data;
  const item = await ctx.read(LAB_ORDER_TESTS, itemId(orderId, testCode));
  await ctx.write(LAB_ORDER_TESTS, itemId(orderId, testCode), {
    $set: {
      criticalOpen: false,
      critical: {
        ...((item?.critical as Document | null | undefined) ?? {}),
        acknowledgedAt: event.data.acknowledgedAt,
        acknowledgedBy: event.data.acknowledgedBy,
        notifiedPerson: d.notifiedPerson ?? null,
        notifiedAt: event.data.notifiedAt,
      },
    },
  });
  await setCriticalOpen(ctx, orderId, testCode, false);
};

const referred: Handler<'LabTestReferredOut'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_ORDER_TESTS, itemId(d.orderId, d.testCode), { $set: { referredTo: d.laboratory } });
  // The order keeps its own record of it: a rejected specimen sends a referred test nowhere (see moveTests).
  const order = await ctx.read(LAB_ORDERS, d.orderId);
  const referred = { ...((order?.referred as Record<string, string> | undefined) ?? {}), [d.testCode]: d.laboratory };
  await ctx.write(LAB_ORDERS, d.orderId, { $set: { referred } });
};

const testDefined: Handler<'LabTestDefined'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_CATALOGUE, `test:${d.testCode}`, {
    $set: {
      kind: 'test',
      code: d.testCode,
      name: d.name,
      section: d.section,
      specimenType: d.specimenType,
      resultKind: d.resultKind,
      unit: d.unit ?? null,
      codedValues: d.codedValues ?? [],
      testCodes: [],
      turnaroundMinutes: {
        stat: d.turnaroundStatMinutes ?? null,
        asap: d.turnaroundAsapMinutes ?? null,
        urgent: d.turnaroundUrgentMinutes ?? null,
        routine: d.turnaroundRoutineMinutes ?? null,
      },
      rangesVersion: 0,
      ranges: [],
      definedAt: d.definedAt,
    },
  });
};

const rangesSet: Handler<'LabReferenceRangesSet'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_CATALOGUE, `test:${d.testCode}`, {
    $set: { rangesVersion: d.rangesVersion, ranges: d.ranges },
  });
};

const panelDefined: Handler<'LabPanelDefined'> = async ({ data: d }, ctx) => {
  await ctx.write(LAB_CATALOGUE, `panel:${d.panelCode}`, {
    $set: {
      kind: 'panel',
      code: d.panelCode,
      name: d.name,
      section: null,
      specimenType: null,
      resultKind: null,
      unit: null,
      codedValues: [],
      testCodes: d.testCodes,
      turnaroundMinutes: null,
      rangesVersion: 0,
      ranges: [],
      definedAt: d.definedAt,
    },
  });
};

/** A personal value as decrypting it after the erasure reads: erased, unless it was never set. */
const erase = (value: unknown) => (value === null || value === undefined ? null : ERASED);
const eraseText = (result: unknown) =>
  result !== null && typeof result === 'object'
    ? { ...(result as Document), valueText: erase((result as Document).valueText) }
    : result;

/**
 * The patient's free text leaves the lab's views (result comments, text results, superseded text
 * results, whom a critical result was told to), exactly as a rebuild after the erasure would show
 * it. Each test document is rewritten from its own fields only (found by its `patientId`); the
 * order documents hold no personal text. Events of the patient projected later read as erased
 * anyway: their key is gone.
 */
const patientDataErased: Handler<'LabPatientDataErased'> = async ({ data: d }, ctx) => {
  for (const id of await ctx.idsWhere(LAB_ORDER_TESTS, 'patientId', d.patientId)) {
    const item = await ctx.read(LAB_ORDER_TESTS, id);
    if (item === null) continue;
    const critical = item.critical as Document | null | undefined;
    await ctx.write(
      LAB_ORDER_TESTS,
      id,
      {
        $set: {
          comment: erase(item.comment),
          result: eraseText(item.result ?? null),
          superseded: ((item.superseded as Document[] | undefined) ?? []).map(eraseText),
          critical: critical ? { ...critical, notifiedPerson: erase(critical.notifiedPerson) } : (critical ?? null),
        },
      },
      { upsert: false },
    );
  }
};

/** The laboratory module's projection: every event has a handler or an `ignore(reason)`. */
export const laboratoryProjection = defineProjection({
  module: 'laboratory',
  views: laboratoryViews,
  handlers: {
    LabTestDefined: testDefined,
    LabReferenceRangesSet: rangesSet,
    LabPanelDefined: panelDefined,
    LabTestOrdered: ordered,
    LabOrderCancelled: cancelled,
    LabSpecimenCollected: collected,
    LabAccessionNumberAssigned: ignore('the accession number shows with its specimen (LabSpecimenCollected)'),
    LabSpecimenReceived: received,
    LabSpecimenRejected: rejected,
    LabResultRecorded: recorded,
    LabCriticalResultRaised: criticalRaised,
    LabCriticalResultAcknowledged: criticalAcknowledged,
    LabResultVerified: verified,
    LabResultAmended: amended,
    LabTestReferredOut: referred,
    LabPatientDataErased: patientDataErased,
  },
});
