import { notFound } from '@chartline/infra';
import {
  BED_STATUSES,
  type BedBoardDocument,
  type ContractHolds,
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

/** The bed board, census and a patient's stays serve the same people as the patient views. */
const WARD_READERS: readonly Role[] = ['front_desk', 'nurse', 'physician'];

const nullableText = z.string().nullable();
const bedStatus = z.enum(BED_STATUSES);

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
  status: z.enum(STAY_STATUSES),
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
    roles: WARD_READERS,
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
    summary: 'The bed board of a ward: every bed, its status and who holds it.',
    tag: 'admissions',
    roles: WARD_READERS,
    params: z.strictObject({ hospitalId, wardId: entityId('Ward id.') }),
    input: z.strictObject({
      status: bedStatus.optional(),
      sort: z.enum(['label', 'since']).optional().describe('Sort field (default label).'),
      order: order.optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(bedShape),
    views: [BED_BOARD],
    modules: ['admissions'],
    problems: [404],
    run: async ({ params, query }, deps) => {
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
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as z.infer<
          ReturnType<typeof page<typeof bedShape>>
        >,
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
      status: z.enum(STAY_STATUSES).optional(),
      sort: z.enum(['requestedAt']).optional().describe('Sort field (default requestedAt).'),
      order: order.optional().describe('Default desc.'),
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
