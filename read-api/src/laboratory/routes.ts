import { notFound } from '@chartline/infra';
import {
  type ContractHolds,
  LAB_FLAGS,
  LAB_PRIORITIES,
  LAB_SECTIONS,
  LAB_STAGES,
  LAB_WORKLIST_STAGES,
  type LabCatalogueDocument,
  type LabOrderDocument,
  type LabOrderTestDocument,
  type PublicDocument,
  type Role,
  type SameFields,
} from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, entityId, hospitalId, isoInstant, pageQuery, scalar } from '../server/inputs.js';
import { page } from '../server/page.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import {
  cataloguePage,
  LAB_CATALOGUE,
  LAB_ORDER_TESTS,
  LAB_ORDERS,
  openCriticals,
  orderRevisions,
  orderWithTests,
  patientResultsPage,
  releasedBetween,
  turnaroundStatistics,
  wardOrdersPage,
  worklistPage,
} from './queries.js';

const CLINICIANS: readonly Role[] = ['physician', 'nurse'];
const LAB: readonly Role[] = ['lab_technician', 'lab_supervisor'];
const CATALOGUE_READERS: readonly Role[] = [...CLINICIANS, ...LAB, 'admin'];
const RESULT_READERS: readonly Role[] = [...CLINICIANS, ...LAB];
const WORKLIST_READERS: readonly Role[] = [...LAB, 'nurse'];
const MINUTE_MS = 60_000;

const text = z.string().nullable();
const num = z.number().nullable();
const loinc = scalar(/^\d{1,7}-\d$/, 'LOINC code, e.g. 2823-3.', 9);
const stage = z
  .enum(LAB_STAGES)
  .describe(
    'Where the test stands: `awaiting_collection`, `awaiting_receipt` (collected, on its way), `in_progress` (received, or referred out), `awaiting_verification` (resulted, preliminary), `final` (verified), `amended` or `corrected` (a final result changed), `cancelled`.',
  );
const priority = z.enum(LAB_PRIORITIES).describe('`routine`, `urgent`, `asap` or `stat` (FHIR request-priority).');
const section = z
  .enum(LAB_SECTIONS)
  .describe(
    'Lab section: `chemistry`, `haematology`, `coagulation`, `immunology`, `microbiology`, `urinalysis`, `blood_bank`, `other`.',
  );
const flag = z
  .enum(LAB_FLAGS)
  .describe(
    'Computed flag: `normal`, `low`, `high`, `critically_low`, `critically_high`, `abnormal` (coded), `none` (no range applies, or text).',
  );
const specimenType = z
  .enum(['whole_blood', 'serum', 'plasma', 'urine', 'csf', 'swab', 'stool', 'sputum', 'other'])
  .describe('Specimen: `whole_blood`, `serum`, `plasma`, `urine`, `csf`, `swab`, `stool`, `sputum`, `other`.');

const resultValue = z.object({
  valueNumber: num,
  valueCode: text,
  valueText: text.describe('Text result (personal).'),
  unit: text,
  flag,
  rangeLow: num,
  rangeHigh: num,
  criticalLow: num,
  criticalHigh: num,
  recordedAt: z.string(),
});

export const orderTestShape = z.object({
  hospitalId: z.string(),
  orderId: z.string(),
  testCode: z.string(),
  testName: z.string(),
  section,
  specimenType,
  panelCode: text,
  patientId: z.string(),
  stayId: text,
  wardId: text,
  priority,
  orderingPractitionerId: z.string(),
  turnaroundTargetMinutes: z.number().int(),
  orderedAt: z.string(),
  dueAt: z.string().describe('orderedAt + the turnaround target.'),
  stage,
  accessionNumber: text,
  collectedAt: text,
  receivedAt: text,
  rejections: z.number().int().describe('Specimens rejected so far.'),
  referredTo: text.describe('External laboratory the test was referred to.'),
  result: resultValue.nullable(),
  comment: text.describe('Free-text result comment (personal).'),
  enteredBy: text,
  performer: text,
  superseded: z.array(resultValue).describe('Earlier values of an amended or corrected result, oldest first.'),
  finalAt: text.describe('When the result was first verified (end of turnaround).'),
  verifiedBy: text,
  criticalOpen: z.boolean(),
  critical: z
    .object({
      flag: z.enum(['critically_low', 'critically_high']).describe('`critically_low` or `critically_high`.'),
      valueNumber: z.number(),
      unit: text,
      raisedAt: z.string(),
      acknowledgedAt: text,
      acknowledgedBy: text,
      notifiedPerson: text.describe('Whom the clinician told (personal).'),
      notifiedAt: text,
    })
    .nullable(),
});
export type OrderTestContract = ContractHolds<
  SameFields<PublicDocument<LabOrderTestDocument>, z.infer<typeof orderTestShape>>
>;

export const orderShape = z.object({
  hospitalId: z.string(),
  orderId: z.string(),
  patientId: z.string(),
  stayId: text,
  wardId: text,
  priority,
  panelCode: text,
  orderingPractitionerId: z.string(),
  orderedAt: z.string(),
  testCodes: z.array(z.string()),
  stages: z.record(z.string(), stage).describe('Each test’s stage by LOINC code.'),
  status: stage,
  accessionNumber: text,
  criticalOpen: z.boolean(),
  criticalTests: z.array(z.string()).describe('The tests (LOINC codes) whose critical result is not yet acknowledged.'),
  referred: z
    .record(z.string(), z.string())
    .describe('The tests referred to an external laboratory, by LOINC code: the laboratory’s name.'),
  revision: z
    .number()
    .int()
    .describe('The order stream’s revision: send as `If-Match: "<revision>"` with a command on the order.'),
});
export type OrderContract = ContractHolds<SameFields<PublicDocument<LabOrderDocument>, z.infer<typeof orderShape>>>;

const rangeShape = z.object({
  sex: z.enum(['any', 'female', 'male']).describe('`any`, `female` or `male`.'),
  minAgeDays: z.number().int(),
  maxAgeDays: num,
  low: num,
  high: num,
  criticalLow: num,
  criticalHigh: num,
});
export const catalogueShape = z.object({
  hospitalId: z.string(),
  kind: z.enum(['test', 'panel']).describe('`test` or `panel`.'),
  code: z.string(),
  name: z.string(),
  section: section.nullable(),
  specimenType: specimenType.nullable(),
  resultKind: z.enum(['numeric', 'coded', 'text']).describe('`numeric`, `coded` or `text`.').nullable(),
  unit: text,
  codedValues: z.array(z.object({ code: z.string(), display: z.string(), abnormal: z.boolean() })),
  testCodes: z.array(z.string()),
  turnaroundMinutes: z.object({ stat: num, asap: num, urgent: num, routine: num }).nullable(),
  rangesVersion: z.number().int(),
  ranges: z.array(rangeShape),
  definedAt: z.string(),
});
export type CatalogueContract = ContractHolds<
  SameFields<PublicDocument<LabCatalogueDocument>, z.infer<typeof catalogueShape>>
>;

const orderRevision = z
  .number()
  .int()
  .describe('The order stream’s revision: send as `If-Match: "<revision>"` with a command on this test’s order.');
const worklistItem = orderTestShape.extend({
  minutesToTarget: z.number().int().describe('Minutes until dueAt at answer time; negative: overdue by that much.'),
  orderRevision,
});
const criticalItem = z.object({
  orderId: z.string(),
  testCode: z.string(),
  testName: z.string(),
  patientId: z.string(),
  wardId: text,
  flag: z.enum(['critically_low', 'critically_high']).describe('`critically_low` or `critically_high`.'),
  valueNumber: z.number(),
  unit: text,
  raisedAt: z.string(),
  ageMinutes: z.number().int().describe('Minutes since it was raised, at answer time.'),
  orderRevision,
});
const step = z.object({ p50: num, p90: num }).describe('Minutes (nearest-rank percentiles).');
const turnaroundShape = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      testCode: z.string(),
      testName: z.string(),
      priority,
      count: z.number().int(),
      withinTarget: z.number().int().describe('Released within the turnaround target.'),
      orderToCollection: step,
      collectionToReceipt: step,
      receiptToFinal: step,
      orderToFinal: step,
    }),
  ),
});

type Items<S extends z.ZodType> = z.infer<ReturnType<typeof page<S>>>;
const params = z.strictObject({ hospitalId });
const minutesUntil = (iso: string, now: Date) => Math.round((Date.parse(iso) - now.getTime()) / MINUTE_MS);

export const laboratoryRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'listLabCatalogue',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/catalogue',
    summary: 'The hospital’s test catalogue (tests with their reference ranges, and panels), by code.',
    tag: 'laboratory',
    roles: CATALOGUE_READERS,
    params,
    input: z.strictObject({
      kind: z.enum(['test', 'panel']).optional().describe('Only `test`s or only `panel`s.'),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(catalogueShape),
    views: [LAB_CATALOGUE],
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const result = await cataloguePage(deps.readStore, params.hospitalId, query.kind, query.limit, query.cursor);
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as Items<typeof catalogueShape>,
      };
    },
  }),
  defineRoute({
    id: 'labWorklist',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/worklist',
    summary:
      'A lab section’s worklist — awaiting collection, awaiting receipt, in progress, awaiting verification — earliest due first, each with its priority and minutes to its turnaround target.',
    description: 'Ids only (no personal data). Not cached: the minutes are computed at answer time.',
    tag: 'laboratory',
    roles: WORKLIST_READERS,
    params,
    input: z.strictObject({
      section: section
        .optional()
        .describe(
          'The section (default every section): `chemistry`, `haematology`, `coagulation`, `immunology`, `microbiology`, `urinalysis`, `blood_bank`, `other`.',
        ),
      stage: z
        .enum(LAB_WORKLIST_STAGES)
        .optional()
        .describe(
          'One worklist (default all four): `awaiting_collection`, `awaiting_receipt`, `in_progress`, `awaiting_verification`.',
        ),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(worklistItem),
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const stages = query.stage ? [query.stage] : LAB_WORKLIST_STAGES;
      const result = await worklistPage(
        deps.readStore,
        params.hospitalId,
        query.section,
        stages,
        query.limit,
        query.cursor,
      );
      const now = deps.clock();
      const revisions = await orderRevisions(
        deps.readStore,
        params.hospitalId,
        result.items.map((i) => String(i.orderId)),
      );
      const items = result.items.map((i) => ({
        ...publicFields(i),
        // Free text stays out of a worklist: it is read on the patient's results.
        comment: null,
        result: i.result ? { ...(i.result as object), valueText: null } : null,
        minutesToTarget: minutesUntil(String(i.dueAt), now),
        orderRevision: revisions.get(String(i.orderId)) ?? 0,
      }));
      return { body: { items, nextCursor: result.nextCursor } as Items<typeof worklistItem> };
    },
  }),
  defineRoute({
    id: 'patientLabResults',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/patients/:patientId/results',
    summary:
      'A patient’s cumulative results: each test over time with its value, unit, flag, the range it was flagged against and superseded values; newest order first.',
    description: 'Shows personal data (text results, comments): each answer is recorded as an access.',
    tag: 'laboratory',
    roles: RESULT_READERS,
    params: z.strictObject({ hospitalId, patientId: entityId('The patient.') }),
    input: z.strictObject({ testCode: loinc.optional(), ...pageQuery, ...consistencyQuery }),
    response: page(orderTestShape),
    views: [LAB_ORDER_TESTS],
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const result = await patientResultsPage(
        deps.readStore,
        params.hospitalId,
        params.patientId,
        query.testCode,
        query.limit,
        query.cursor,
      );
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as Items<typeof orderTestShape>,
        accessed: result.items.length > 0 ? [{ patientId: params.patientId, view: 'lab_results' }] : [],
      };
    },
  }),
  defineRoute({
    id: 'openCriticalResults',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/critical-results',
    summary: 'Open (unacknowledged) critical results of the hospital, or of one ward, oldest first, with their age.',
    description: 'Ids and values only (no names, no free text). Not cached: the age is computed at answer time.',
    tag: 'laboratory',
    roles: [...CLINICIANS, ...LAB],
    params,
    input: z.strictObject({ wardId: entityId('Only this ward’s.').optional(), ...consistencyQuery }),
    response: z.object({ items: z.array(criticalItem) }),
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const now = deps.clock();
      const open = await openCriticals(deps.readStore, params.hospitalId, query.wardId);
      const revisions = await orderRevisions(
        deps.readStore,
        params.hospitalId,
        open.map((i) => String(i.orderId)),
      );
      const items = open
        .map((i) => {
          const c = i.critical as {
            flag: 'critically_low' | 'critically_high';
            valueNumber: number;
            unit: string | null;
            raisedAt: string;
          };
          return {
            orderId: String(i.orderId),
            testCode: String(i.testCode),
            testName: String(i.testName),
            patientId: String(i.patientId),
            wardId: (i.wardId as string | null) ?? null,
            flag: c.flag,
            valueNumber: c.valueNumber,
            unit: c.unit,
            raisedAt: c.raisedAt,
            ageMinutes: -minutesUntil(c.raisedAt, now),
            orderRevision: revisions.get(String(i.orderId)) ?? 0,
          };
        })
        .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
      return { body: { items } };
    },
  }),
  defineRoute({
    id: 'wardLabOrders',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/wards/:wardId/orders',
    summary: 'The ordering ward’s lab orders, newest first, each with its status and each test’s stage.',
    tag: 'laboratory',
    roles: CLINICIANS,
    params: z.strictObject({ hospitalId, wardId: entityId('The ordering ward.') }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(orderShape),
    views: [LAB_ORDERS],
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const result = await wardOrdersPage(deps.readStore, params.hospitalId, params.wardId, query.limit, query.cursor);
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as Items<typeof orderShape>,
      };
    },
  }),
  defineRoute({
    id: 'getLabOrder',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/orders/:orderId',
    summary:
      'One lab order with each of its tests: stage, specimen and accession number, result with its flag, superseded values, critical result.',
    description: 'Shows personal data (text results, comments): each answer is recorded as an access.',
    tag: 'laboratory',
    roles: RESULT_READERS,
    params: z.strictObject({ hospitalId, orderId: entityId('The order.') }),
    input: z.strictObject({ ...consistencyQuery }),
    response: z.object({ order: orderShape, tests: z.array(orderTestShape) }),
    views: [LAB_ORDERS, LAB_ORDER_TESTS],
    modules: ['laboratory'],
    problems: [404],
    run: async ({ params }, deps) => {
      const found = await orderWithTests(deps.readStore, params.hospitalId, params.orderId);
      if (!found) throw notFound('No such lab order in this hospital.');
      return {
        body: {
          order: publicFields(found.order) as z.infer<typeof orderShape>,
          tests: found.tests.map(publicFields) as z.infer<typeof orderTestShape>[],
        },
        accessed: [{ patientId: String(found.order.patientId), view: 'lab_results' }],
      };
    },
  }),
  defineRoute({
    id: 'labTurnaround',
    method: 'get',
    path: '/hospitals/:hospitalId/laboratory/turnaround',
    summary:
      'Turnaround statistics of results first released in [from, to) (default the last 30 days): p50/p90 minutes of order → collection → receipt → final, per test and priority, and how many met their target.',
    tag: 'laboratory',
    roles: ['lab_supervisor', 'admin'],
    params,
    input: z.strictObject({
      from: isoInstant('Start (inclusive)').optional(),
      to: isoInstant('End (exclusive)').optional(),
      ...consistencyQuery,
    }),
    response: turnaroundShape,
    modules: ['laboratory'],
    run: async ({ params, query }, deps) => {
      const now = deps.clock();
      const to = query.to ? new Date(query.to).toISOString() : now.toISOString();
      const from = query.from
        ? new Date(query.from).toISOString()
        : new Date(Date.parse(to) - 30 * 24 * 60 * MINUTE_MS).toISOString();
      const items = turnaroundStatistics(await releasedBetween(deps.readStore, params.hospitalId, from, to));
      return { body: { from, to, items } };
    },
  }),
];
