import { notFound } from '@chartline/infra';
import {
  type ContractHolds,
  DUPLICATE_FLAGS,
  type PatientSummaryDocument,
  type PublicDocument,
  type Role,
  type SameFields,
  STAYS,
} from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, entityId, hospitalId, isoDate, order, pageQuery, scalar } from '../server/inputs.js';
import { page } from '../server/page.js';
import { findPage } from '../server/pagination.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import { PATIENT_SEARCH, PATIENT_SUMMARY, patientSummary, searchPatients } from './queries.js';

/** Who may read patient records: the people at the bedside and the front desk. */
export const CLINICAL_READERS: readonly Role[] = ['front_desk', 'nurse', 'physician'];

const nullableText = z.string().nullable();
const patientParams = z.strictObject({ hospitalId, patientId: entityId('Patient id.') });
const hospitalParams = z.strictObject({ hospitalId });

const allergy = z.object({
  allergyId: z.string(),
  substance: z.string(),
  category: z.string(),
  criticality: z.string(),
  reaction: nullableText,
  recordedAt: z.string(),
});
const diagnosis = z.object({
  diagnosisId: z.string(),
  code: z.string(),
  verification: z.string(),
  note: nullableText,
  recordedAt: z.string(),
});

export const patientSummaryShape = z
  .object({
    hospitalId: z.string(),
    patientId: z.string(),
    mrn: z.string(),
    givenName: nullableText.describe('"[erased]" once the personal data was erased.'),
    familyName: nullableText,
    birthDate: nullableText,
    sex: z.string(),
    nationalId: nullableText,
    address: nullableText,
    phone: nullableText,
    status: z
      .enum(['active', 'merged', 'deceased'])
      .describe(
        'Record status: `active` in use; `merged` voided, merged into another record; `deceased` death recorded.',
      ),
    erased: z.boolean(),
    mergedInto: nullableText,
    mergedFrom: z.array(z.string()),
    deceased: z.object({ diedAt: z.string(), causeCode: nullableText, recordedAt: z.string() }).nullable(),
    allergies: z.array(allergy),
    diagnoses: z.array(diagnosis),
    possibleDuplicates: z.record(
      z.string(),
      z.object({
        matchedOn: z.array(z.string()),
        flaggedAt: z.string(),
        resolution: z.string(),
        resolvedAt: nullableText,
      }),
    ),
    registeredAt: z.string(),
    updatedAt: z.string(),
    revision: z
      .number()
      .int()
      .describe(
        'The patient stream’s revision. A patient command (update-demographics, record-allergy, merge-patients, …) sent with `If-Match: "<revision>"` is refused with 412 if the patient changed since this read.',
      ),
  })
  .describe('A patient’s summary.');

// The summary carries exactly the fields the patients projection writes (the kernel's contract).
export type PatientSummaryAnswerContract = ContractHolds<
  SameFields<PublicDocument<PatientSummaryDocument>, z.infer<typeof patientSummaryShape>>
>;

const searchRow = z.object({
  patientId: z.string(),
  mrn: z.string(),
  givenName: nullableText,
  familyName: nullableText,
  birthDate: nullableText,
  sex: nullableText,
  status: z.string(),
  mergedInto: nullableText,
  openDuplicateFlags: z
    .number()
    .int()
    .describe(
      'Possible duplicates of this patient still open (either side of the flag): check before choosing a record.',
    ),
});

const duplicateFlagRow = z.object({
  patientId: z.string().describe('The record flagged (the later registration or change).'),
  candidatePatientId: z.string().describe('The record it may duplicate.'),
  matchedOn: z.array(z.string()).describe('Which identity keys matched.'),
  flaggedAt: z.string(),
  resolution: z
    .enum(['open', 'confirmed', 'dismissed'])
    .describe(
      'Possible-duplicate flag: `open` waiting for the front desk; `confirmed` the same person (merge them); `dismissed` two different people.',
    ),
  resolvedAt: nullableText,
});

/** Who works through possible duplicates: the front desk, and admins (they merge records). */
const DUPLICATE_WORKERS: readonly Role[] = ['front_desk', 'admin'];

const duplicateFlags = defineRoute({
  id: 'listDuplicateFlags',
  method: 'get',
  path: '/hospitals/:hospitalId/duplicate-flags',
  summary:
    'Possible duplicate patients of the hospital, oldest first: open ones by default, for the front desk to resolve.',
  description:
    'Ids only (no personal data, so no access is recorded): open a patient’s summary to compare the records, then confirm (merge-patients) or dismiss.',
  tag: 'patients',
  roles: DUPLICATE_WORKERS,
  params: hospitalParams,
  input: z.strictObject({
    resolution: z
      .enum(['open', 'confirmed', 'dismissed'])
      .optional()
      .describe(
        'Flags to list (default `open`, waiting for the front desk); `confirmed` the same person; `dismissed` two different people.',
      ),
    order: order.optional(),
    ...pageQuery,
    ...consistencyQuery,
  }),
  response: page(duplicateFlagRow),
  views: [DUPLICATE_FLAGS],
  modules: ['patients'],
  run: async ({ params, query }, deps) => {
    const result = await findPage(deps.readStore.collection(DUPLICATE_FLAGS), {
      filter: { hospitalId: params.hospitalId, resolution: query.resolution ?? 'open' },
      sortField: 'flaggedAt',
      order: query.order ?? 'asc',
      limit: query.limit,
      cursor: query.cursor,
    });
    const items = result.items.map(({ hospitalId: _, ...row }) => publicFields(row));
    return {
      body: { items, nextCursor: result.nextCursor } as z.infer<ReturnType<typeof page<typeof duplicateFlagRow>>>,
    };
  },
});

export const patientSearchInput = z.strictObject({
  mrn: scalar(/^\d{2,20}$/, 'Medical record number (exact).', 20).optional(),
  name: scalar(
    /^[\p{L}\p{M}\p{N} .'’-]+$/u,
    'Any part of the name; every word must match a name part.',
    100,
  ).optional(),
  birthDate: isoDate('Birth date').optional(),
  status: z
    .enum(['active', 'merged', 'deceased'])
    .optional()
    .describe(
      'Record status: `active` in use; `merged` voided, merged into another record; `deceased` death recorded.',
    ),
  sort: z
    .enum(['familyName', 'mrn', 'birthDate'])
    .optional()
    .describe('Sort field: `familyName` (default), `mrn` or `birthDate`.'),
  order: order.optional(),
  ...pageQuery,
  ...consistencyQuery,
});

const search = (method: 'get' | 'post') =>
  defineRoute({
    id: method === 'get' ? 'searchPatients' : 'searchPatientsByBody',
    method,
    path: '/hospitals/:hospitalId/patients/search',
    summary:
      method === 'get'
        ? 'Search patients by MRN, name and birth date (query string).'
        : 'Search patients by MRN, name and birth date (JSON body: keeps names out of URLs and proxy logs).',
    tag: 'patients',
    roles: CLINICAL_READERS,
    params: hospitalParams,
    input: patientSearchInput,
    response: page(searchRow),
    views: [PATIENT_SEARCH, PATIENT_SUMMARY],
    modules: ['patients'],
    run: async ({ params, query }, deps) => {
      const result = await searchPatients(deps.readStore, params.hospitalId, query);
      return {
        body: result as z.infer<ReturnType<typeof page<typeof searchRow>>>,
        accessed: result.items.map((row) => ({ patientId: String(row.patientId), view: 'search_hit' as const })),
      };
    },
  });

export const patientsRoutes: readonly ReadRoute[] = [
  search('get'),
  search('post'),
  duplicateFlags,
  defineRoute({
    id: 'getPatientSummary',
    method: 'get',
    path: '/hospitals/:hospitalId/patients/:patientId',
    summary: 'A patient’s summary: demographics, allergies, diagnoses, status.',
    tag: 'patients',
    roles: CLINICAL_READERS,
    params: patientParams,
    input: z.strictObject({ ...consistencyQuery }),
    response: patientSummaryShape,
    // Stays too: they note the admissions events of the patient stream (its revision).
    views: [PATIENT_SUMMARY, STAYS],
    modules: ['patients', 'admissions'],
    problems: [404],
    run: async ({ params }, deps) => {
      const summary = await patientSummary(deps.readStore, params.hospitalId, params.patientId);
      if (!summary) throw notFound('No such patient in this hospital.');
      return {
        body: summary as z.infer<typeof patientSummaryShape>,
        accessed: [{ patientId: params.patientId, view: 'summary' }],
      };
    },
  }),
];
