import { notFound, type ReadStore } from '@chartline/infra';
import {
  BED_STATUSES,
  type BedBoardDocument,
  type ContractHolds,
  mayReadPersonalData,
  PATIENT_SUMMARY,
  type PublicDocument,
  type Role,
  type SameFields,
  STAY_STATUSES,
  type StayDocument,
  type WardDocument,
} from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, entityId, hospitalId, order, pageQuery } from '../server/inputs.js';
import { page } from '../server/page.js';
import { findPage } from '../server/pagination.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import { BED_BOARD, census, STAYS, WARDS } from './queries.js';

/** The census and a patient's stays serve the same people as the patient views. */
const WARD_READERS: readonly Role[] = ['front_desk', 'nurse', 'physician'];
/** The bed board also serves admins (they close and reopen beds), who see ids but no names. */
export const BED_BOARD_READERS: readonly Role[] = [...WARD_READERS, 'admin'];

const nullableText = z.string().nullable();
const bedStatus = z
  .enum(BED_STATUSES)
  .describe(
    'Bed status: `free` ready for a patient; `reserved` held for a planned stay; `occupied` a patient is in it; `to_clean` the patient left, cleaning is due; `closed` out of service.',
  );
/** FHIR Encounter statuses, hyphens as underscores. */
const stayStatus = z
  .enum(STAY_STATUSES)
  .describe(
    'Stay status (FHIR Encounter): `planned` admission requested, no bed yet; `in_progress` admitted; `on_leave` temporarily away, bed held; `finished` discharged; `cancelled` called off before or after admission.',
  );

export const bedShape = z.object({
  hospitalId: z.string(),
  bedId: z.string(),
  wardId: z.string(),
  label: z.string(),
  status: bedStatus,
  stayId: nullableText,
  patientId: nullableText,
  since: z.string().describe('When the bed entered its status.'),
  revision: z
    .number()
    .int()
    .describe(
      'The bed stream’s revision. A bed command (close-bed, reopen-bed, mark-bed-clean) sent with `If-Match: "<revision>"` is refused with 412 if the bed changed since this read.',
    ),
});

export const stayShape = z.object({
  hospitalId: z.string(),
  stayId: z.string(),
  patientId: z.string(),
  wardId: nullableText,
  bedId: nullableText,
  reservedBedId: nullableText,
  status: stayStatus,
  requestedAt: z.string(),
  admittedAt: nullableText,
  plannedDischargeAt: nullableText,
  leave: z.object({ startedAt: z.string(), expectedReturnAt: nullableText }).nullable(),
  dischargedAt: nullableText,
  dischargeReason: nullableText,
  disposition: nullableText,
  cancelledAt: nullableText,
  cancellationReason: nullableText,
  transfers: z.array(
    z.object({
      fromBedId: z.string(),
      toBedId: z.string(),
      toWardId: z.string(),
      swappedWithStayId: nullableText,
      transferredAt: z.string(),
    }),
  ),
  revision: z
    .number()
    .int()
    .describe(
      'The stay stream’s revision. A stay command (admit-patient, transfer-patient, discharge-patient, …) sent with `If-Match: "<revision>"` is refused with 412 if the stay changed since this read.',
    ),
});

const wardSpecialty = z
  .enum(['medical', 'surgical', 'intensive_care', 'maternity', 'paediatric', 'psychiatric', 'other'])
  .describe(
    'Kind of care given on the ward: medical, surgical, intensive_care (ICU), maternity, paediatric (children), psychiatric, other.',
  );

export const wardShape = z.object({
  hospitalId: z.string(),
  wardId: z.string().describe('Ward id: use it for the bed board and in request-admission.'),
  name: z.string().describe('Display name, e.g. "Cardiology 3 East".'),
  specialty: wardSpecialty.nullable(),
  definedAt: z.string().describe('When the ward was defined, ISO-8601 UTC.'),
  revision: z
    .number()
    .int()
    .describe('The ward stream’s revision: what a ward command expects in `If-Match: "<revision>"`.'),
});

// The answers carry exactly the fields of the documents the admissions projection writes (the
// kernel's read-model contract): a field renamed or dropped on one side only does not compile.
/** A bed board row: the bed, and for roles that may see personal data who lies in it. */
const bedBoardRow = bedShape.extend({
  patient: z
    .object({
      displayName: z.string().describe('Given and family name ("[erased]" once the personal data was erased).'),
      mrn: z.string().describe('Medical record number.'),
    })
    .nullable()
    .optional()
    .describe(
      'The patient holding the bed (null when none), for roles that may see personal data (front_desk, nurse, physician); absent for the others, who see `patientId` only. Showing it is recorded as an access to the patient’s record.',
    ),
});

/** Name and MRN of each patient on the page, from their summaries (one query). */
async function patientsOnBeds(deps: { readStore: ReadStore }, hospitalId: string, patientIds: readonly string[]) {
  if (patientIds.length === 0) return new Map<string, { displayName: string; mrn: string }>();
  const summaries = await deps.readStore
    .collection(PATIENT_SUMMARY)
    .find({ hospitalId, patientId: { $in: [...patientIds] } });
  return new Map(
    summaries.map((s) => {
      const names = [s['givenName'], s['familyName']].filter((n) => typeof n === 'string' && n !== '');
      const erased = s['erased'] === true;
      return [
        String(s['patientId']),
        { displayName: erased ? '[erased]' : names.join(' '), mrn: String(s['mrn']) },
      ] as const;
    }),
  );
}

export type BedAnswerContract = ContractHolds<SameFields<PublicDocument<BedBoardDocument>, z.infer<typeof bedShape>>>;
export type StayAnswerContract = ContractHolds<SameFields<PublicDocument<StayDocument>, z.infer<typeof stayShape>>>;
export type WardAnswerContract = ContractHolds<SameFields<PublicDocument<WardDocument>, z.infer<typeof wardShape>>>;

const wardCensusShape = z.object({
  wardId: z.string(),
  name: z.string(),
  specialty: nullableText,
  beds: z.object({
    free: z.number().int(),
    reserved: z.number().int(),
    occupied: z.number().int(),
    to_clean: z.number().int(),
    closed: z.number().int(),
    total: z.number().int(),
  }),
  inpatients: z.number().int(),
  planned: z.number().int(),
});

export const admissionsRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'listWards',
    method: 'get',
    path: '/hospitals/:hospitalId/wards',
    summary: 'The wards of the hospital, by name: their ids lead to the bed boards.',
    tag: 'admissions',
    // Ward managers and HR roster per ward: they pick the ward by its name (no patient data here).
    roles: [...WARD_READERS, 'ward_manager', 'hr_admin'],
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(wardShape),
    views: [WARDS],
    modules: ['admissions'],
    run: async ({ params, query }, deps) => {
      const result = await findPage(deps.readStore.collection(WARDS), {
        filter: { hospitalId: params.hospitalId },
        sortField: 'name',
        order: 'asc',
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as z.infer<
          ReturnType<typeof page<typeof wardShape>>
        >,
      };
    },
  }),
  defineRoute({
    id: 'getBedBoard',
    method: 'get',
    path: '/hospitals/:hospitalId/wards/:wardId/beds',
    summary: 'The bed board of a ward: every bed, its status and who holds it (name and MRN for clinical roles).',
    tag: 'admissions',
    roles: BED_BOARD_READERS,
    params: z.strictObject({ hospitalId, wardId: entityId('Ward id.') }),
    input: z.strictObject({
      status: bedStatus.optional(),
      sort: z
        .enum(['label', 'since'])
        .optional()
        .describe('Sort field: `label` the bed’s label (default) or `since` when it entered its status.'),
      order: order.optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(bedBoardRow),
    // Names come from the patients' summaries: a change there is a change here.
    views: [BED_BOARD, PATIENT_SUMMARY],
    modules: ['admissions', 'patients'],
    variant: (principal) => (mayReadPersonalData(principal.role) ? 'personal' : 'ids'),
    problems: [404],
    run: async ({ params, query, principal }, deps) => {
      const ward = await deps.readStore
        .collection(WARDS)
        .findOne({ hospitalId: params.hospitalId, wardId: params.wardId });
      if (!ward) throw notFound('No such ward in this hospital.');
      const filter: Record<string, unknown> = { hospitalId: params.hospitalId, wardId: params.wardId };
      if (query.status) filter['status'] = query.status;
      const result = await findPage(deps.readStore.collection(BED_BOARD), {
        filter,
        sortField: query.sort ?? 'label',
        order: query.order ?? 'asc',
        limit: query.limit,
        cursor: query.cursor,
      });
      const beds = result.items.map(publicFields);
      if (!mayReadPersonalData(principal.role)) {
        return {
          body: { items: beds, nextCursor: result.nextCursor } as z.infer<ReturnType<typeof page<typeof bedBoardRow>>>,
        };
      }
      const held = [...new Set(beds.flatMap((b) => (typeof b['patientId'] === 'string' ? [b['patientId']] : [])))];
      const patients = await patientsOnBeds(deps, params.hospitalId, held);
      const items = beds.map((b) => ({
        ...b,
        patient: typeof b['patientId'] === 'string' ? (patients.get(b['patientId']) ?? null) : null,
      }));
      return {
        body: { items, nextCursor: result.nextCursor } as z.infer<ReturnType<typeof page<typeof bedBoardRow>>>,
        // Only patients whose name was shown.
        accessed: held.filter((id) => patients.has(id)).map((patientId) => ({ patientId, view: 'bed_board' as const })),
      };
    },
  }),
  defineRoute({
    id: 'getCensus',
    method: 'get',
    path: '/hospitals/:hospitalId/census',
    summary: 'The census: per ward, beds by status, inpatients and planned admissions.',
    tag: 'admissions',
    roles: WARD_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...consistencyQuery }),
    response: z.object({ wards: z.array(wardCensusShape) }),
    views: [WARDS, BED_BOARD, STAYS],
    modules: ['admissions'],
    run: async ({ params }, deps) => ({ body: { wards: await census(deps.readStore, params.hospitalId) } }),
  }),
  defineRoute({
    id: 'listPatientStays',
    method: 'get',
    path: '/hospitals/:hospitalId/patients/:patientId/stays',
    summary: 'A patient’s stays (hospital encounters), newest first by default.',
    // Listed with the patient's other records in the API document; the stays are admissions'.
    tag: 'patients',
    roles: WARD_READERS,
    params: z.strictObject({ hospitalId, patientId: entityId('Patient id.') }),
    input: z.strictObject({
      status: stayStatus.optional(),
      sort: z.enum(['requestedAt']).optional().describe('Sort field: `requestedAt` (the default and only one).'),
      order: order.optional().describe('Sort direction: `desc` newest first (default) or `asc` oldest first.'),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(stayShape),
    views: [STAYS],
    modules: ['admissions'],
    run: async ({ params, query }, deps) => {
      const filter: Record<string, unknown> = { hospitalId: params.hospitalId, patientId: params.patientId };
      if (query.status) filter['status'] = query.status;
      const result = await findPage(deps.readStore.collection(STAYS), {
        filter,
        sortField: 'requestedAt',
        order: query.order ?? 'desc',
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as z.infer<
          ReturnType<typeof page<typeof stayShape>>
        >,
        // Only what was shown is logged: an empty answer showed nobody's record.
        accessed: result.items.length > 0 ? [{ patientId: params.patientId, view: 'stays' as const }] : [],
      };
    },
  }),
];
