import { type Document, type Filter, nameTokens, type ReadStore } from '@chartline/infra';
import { PATIENT_SEARCH, PATIENT_SUMMARY, STAYS } from '@chartline/kernel';
import { findPage, type Page } from '../server/pagination.js';
import { publicFields } from '../server/public-fields.js';

// The collections are the patients projection's, named once in the kernel's read-model contract.
export { PATIENT_SEARCH, PATIENT_SUMMARY };

/**
 * The patient's summary with the patient stream's current revision (what If-Match expects). The
 * admissions module writes to that stream too (StayOpened, StayClosed), which the patients
 * projector never sees; the stays note those revisions, and the newer of the two is the stream's.
 */
export async function patientSummary(store: ReadStore, hospitalId: string, patientId: string) {
  // The hospital is part of every filter: a document of another hospital can never match.
  const doc = await store.collection(PATIENT_SUMMARY).findOne({ hospitalId, patientId });
  if (!doc) return null;
  const stays = await store.collection(STAYS).find({ hospitalId, patientId, patientRevision: { $exists: true } });
  const revisions = [doc['revision'], ...stays.map((s) => s['patientRevision'])].filter(
    (r): r is number => typeof r === 'number',
  );
  return { ...publicFields(doc), revision: Math.max(-1, ...revisions) };
}

export interface PatientSearch {
  readonly mrn?: string | undefined;
  readonly name?: string | undefined;
  readonly birthDate?: string | undefined;
  readonly status?: string | undefined;
  readonly sort?: 'familyName' | 'mrn' | 'birthDate' | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** Filters built only from validated scalars; erased patients are never searchable. */
export function searchFilter(hospitalId: string, q: PatientSearch): Filter {
  const filter: Filter = { hospitalId, searchable: true };
  if (q.mrn !== undefined) filter['mrn'] = q.mrn;
  if (q.birthDate !== undefined) filter['birthDate'] = q.birthDate;
  if (q.status !== undefined) filter['status'] = q.status;
  if (q.name !== undefined) {
    const tokens = nameTokens(q.name);
    // Every token must be one of the patient's name tokens (array equality = "contains").
    if (tokens.length > 0) filter['$and'] = tokens.map((token) => ({ nameTokens: token }));
  }
  return filter;
}

export async function searchPatients(store: ReadStore, hospitalId: string, q: PatientSearch): Promise<Page> {
  const page = await findPage(store.collection(PATIENT_SEARCH), {
    filter: searchFilter(hospitalId, q),
    sortField: q.sort ?? 'familyName',
    order: q.order ?? 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
  const ids = page.items.map((doc) => String(doc['patientId']));
  const summaries = ids.length
    ? await store.collection(PATIENT_SUMMARY).find({ hospitalId, patientId: { $in: ids } })
    : [];
  const byId = new Map(summaries.map((s) => [String(s['patientId']), s]));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((doc) => {
      const summary = byId.get(String(doc['patientId']));
      return {
        patientId: doc['patientId'],
        mrn: doc['mrn'],
        // Display names from the summary; the search keys are lower-cased and folded.
        givenName: summary?.['givenName'] ?? null,
        familyName: summary?.['familyName'] ?? null,
        birthDate: doc['birthDate'] ?? null,
        sex: doc['sex'] ?? null,
        status: doc['status'],
        mergedInto: doc['mergedInto'] ?? null,
        openDuplicateFlags: Object.values((summary?.['possibleDuplicates'] ?? {}) as Record<string, Document>).filter(
          (flag) => flag['resolution'] === 'open',
        ).length,
      };
    }),
  };
}
