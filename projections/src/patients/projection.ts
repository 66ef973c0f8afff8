import { type Document, ERASED, nameTokens, normaliseName, type Update } from '@chartline/infra';
import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import type { ProjectedEvent, ProjectionContext } from '../runtime/projection.js';
import { DUPLICATE_FLAGS, PATIENT_SEARCH, PATIENT_SUMMARY, patientViews } from './views.js';

type Patients = 'patients';
type View = typeof PATIENT_SUMMARY | typeof PATIENT_SEARCH | typeof DUPLICATE_FLAGS;
type Ctx = ProjectionContext<View>;

/** Personal fields of the summary: all of them read as erased once the patient's key is gone. */
const PERSONAL_SUMMARY_FIELDS = ['givenName', 'familyName', 'birthDate', 'nationalId', 'address', 'phone'] as const;
const SEARCH_NAME_FIELDS = { givenName: '', familyName: '', nameTokens: '', birthDate: '' };

const isErased = (value: unknown) => value === ERASED;

/** The search fields of a patient, or the erased shape that drops them out of every search. */
function searchFields(givenName: unknown, familyName: unknown, birthDate: unknown): { set: Document; unset: Document } {
  if ([givenName, familyName, birthDate].some(isErased)) {
    return { set: { searchable: false, erased: true }, unset: SEARCH_NAME_FIELDS };
  }
  const given = normaliseName(String(givenName));
  const family = normaliseName(String(familyName));
  return {
    set: {
      searchable: true,
      erased: false,
      givenName: given,
      familyName: family,
      nameTokens: nameTokens(given, family),
      birthDate: String(birthDate),
    },
    unset: {},
  };
}

/** The summary's own fields on every write: who it is and when it last changed. */
async function onSummary(ctx: Ctx, event: ProjectedEvent, patientId: string, update: Document) {
  const $set = { patientId, updatedAt: event.occurredAt, ...((update.$set as Document) ?? {}) };
  await ctx.write(PATIENT_SUMMARY, patientId, { ...update, $set });
}

async function onSearch(ctx: Ctx, patientId: string, set: Document, unset = {}) {
  const update: Update = { $set: { patientId, ...set } };
  if (Object.keys(unset).length > 0) update.$unset = unset;
  await ctx.write(PATIENT_SEARCH, patientId, update);
}

const registered: HandlerOf<Patients, 'PatientRegistered', View> = async (event, ctx) => {
  const d = event.data;
  const p = await ctx.reveal(event, d.patientId);
  await onSummary(ctx, event, d.patientId, {
    $set: {
      mrn: d.mrn,
      givenName: p['givenName'],
      familyName: p['familyName'],
      birthDate: p['birthDate'],
      sex: d.sex,
      nationalId: p['nationalId'] ?? null,
      address: p['address'] ?? null,
      phone: p['phone'] ?? null,
      status: 'active',
      erased: false,
      mergedInto: null,
      mergedFrom: [],
      deceased: null,
      allergies: [],
      diagnoses: [],
      possibleDuplicates: {},
      registeredAt: d.registeredAt,
    },
  });
  const search = searchFields(p['givenName'], p['familyName'], p['birthDate']);
  await onSearch(
    ctx,
    d.patientId,
    { mrn: d.mrn, sex: d.sex, status: 'active', mergedInto: null, ...search.set },
    search.unset,
  );
};

const demographicsUpdated: HandlerOf<Patients, 'PatientDemographicsUpdated', View> = async (event, ctx) => {
  const d = event.data;
  const p = await ctx.reveal(event, d.patientId);
  const changed: Document = {};
  for (const field of PERSONAL_SUMMARY_FIELDS)
    if (p[field] !== null && p[field] !== undefined) changed[field] = p[field];
  if (d.sex !== null) changed['sex'] = d.sex;
  await onSummary(ctx, event, d.patientId, { $set: changed });

  const current = await ctx.read(PATIENT_SEARCH, d.patientId);
  if (!current) return;
  const given = p['givenName'] ?? current['givenName'];
  const family = p['familyName'] ?? current['familyName'];
  const birth = p['birthDate'] ?? current['birthDate'];
  const search = current['erased'] === true ? null : searchFields(given, family, birth);
  const set: Document = { ...(search?.set ?? {}) };
  if (d.sex !== null) set['sex'] = d.sex;
  await onSearch(ctx, d.patientId, set, search?.unset);
};

const allergyRecorded: HandlerOf<Patients, 'AllergyRecorded', View> = async (event, ctx) => {
  const d = event.data;
  const p = await ctx.reveal(event, d.patientId);
  const allergy = {
    allergyId: d.allergyId,
    // Personal since AllergyRecorded v2 (free text); v1 events pass through as they were stored.
    substance: p['substance'] ?? d.substance,
    category: d.category,
    criticality: d.criticality,
    reaction: p['reaction'] ?? null,
    recordedAt: d.recordedAt,
  };
  await onSummary(ctx, event, d.patientId, { $push: { allergies: allergy } });
};

const diagnosisRecorded: HandlerOf<Patients, 'DiagnosisRecorded', View> = async (event, ctx) => {
  const d = event.data;
  const p = await ctx.reveal(event, d.patientId);
  const diagnosis = {
    diagnosisId: d.diagnosisId,
    code: d.code,
    verification: d.verification,
    note: p['note'] ?? null,
    recordedAt: d.recordedAt,
  };
  await onSummary(ctx, event, d.patientId, { $push: { diagnoses: diagnosis } });
};

/**
 * A possible duplicate shows on both records (the flagged one and its candidate) and in the
 * hospital's list of flags. The candidate's summary is only updated, never created: a flag
 * naming a patient unknown here must not conjure a partial summary.
 */
const duplicateFlagged: HandlerOf<Patients, 'PossibleDuplicateFlagged', View> = async (event, ctx) => {
  const d = event.data;
  const flag = { matchedOn: d.matchedOn, flaggedAt: d.flaggedAt, resolution: 'open', resolvedAt: null };
  await onSummary(ctx, event, d.patientId, { $set: { [`possibleDuplicates.${d.candidatePatientId}`]: flag } });
  await ctx.write(
    PATIENT_SUMMARY,
    d.candidatePatientId,
    { $set: { updatedAt: event.occurredAt, [`possibleDuplicates.${d.patientId}`]: flag } },
    { upsert: false },
  );
  await ctx.write(DUPLICATE_FLAGS, `${d.patientId}:${d.candidatePatientId}`, {
    $set: { patientId: d.patientId, candidatePatientId: d.candidatePatientId, ...flag },
  });
};

const duplicateResolved =
  (
    resolution: 'confirmed' | 'dismissed',
  ): HandlerOf<Patients, 'PossibleDuplicateConfirmed' | 'PossibleDuplicateDismissed', View> =>
  async (event, ctx) => {
    const d = event.data;
    const resolved = (other: string) => ({
      [`possibleDuplicates.${other}.resolution`]: resolution,
      [`possibleDuplicates.${other}.resolvedAt`]: d.resolvedAt,
    });
    await onSummary(ctx, event, d.patientId, { $set: resolved(d.candidatePatientId) });
    await ctx.write(
      PATIENT_SUMMARY,
      d.candidatePatientId,
      { $set: { updatedAt: event.occurredAt, ...resolved(d.patientId) } },
      { upsert: false },
    );
    await ctx.write(
      DUPLICATE_FLAGS,
      `${d.patientId}:${d.candidatePatientId}`,
      { $set: { resolution, resolvedAt: d.resolvedAt } },
      { upsert: false },
    );
  };

const mergedInto: HandlerOf<Patients, 'PatientMergedInto', View> = async (event, ctx) => {
  const d = event.data;
  await onSummary(ctx, event, d.patientId, { $set: { status: 'merged', mergedInto: d.survivorPatientId } });
  await onSearch(ctx, d.patientId, { status: 'merged', mergedInto: d.survivorPatientId });
};

const duplicateMerged: HandlerOf<Patients, 'DuplicatePatientMerged', View> = async (event, ctx) => {
  const d = event.data;
  await onSummary(ctx, event, d.patientId, { $addToSet: { mergedFrom: d.mergedPatientId } });
};

const deathRecorded: HandlerOf<Patients, 'PatientDeathRecorded', View> = async (event, ctx) => {
  const d = event.data;
  const deceased = { diedAt: d.diedAt, causeCode: d.causeCode ?? null, recordedAt: d.recordedAt };
  await onSummary(ctx, event, d.patientId, { $set: { status: 'deceased', deceased } });
  await onSearch(ctx, d.patientId, { status: 'deceased' });
};

/**
 * Crypto-shredding reaches the read models: every personal field reads as erased, clinical free
 * text inside allergies and diagnoses included, and the patient drops out of search. Fields that
 * were never set (null) stay null, as decrypting the history after erasure would leave them.
 */
const personalDataErased: HandlerOf<Patients, 'PatientPersonalDataErased', View> = async (event, ctx) => {
  const d = event.data;
  const current = await ctx.read(PATIENT_SUMMARY, d.patientId);
  const erase = (value: unknown) => (value === null || value === undefined ? null : ERASED);
  const set: Document = { erased: true };
  for (const field of PERSONAL_SUMMARY_FIELDS) set[field] = erase(current?.[field]);
  const list = (name: string) => (Array.isArray(current?.[name]) ? (current[name] as Document[]) : []);
  // The substance is free text (personal since AllergyRecorded v2): erased too, v1 entries included.
  set['allergies'] = list('allergies').map((a) => ({
    ...a,
    substance: erase(a['substance']),
    reaction: erase(a['reaction']),
  }));
  set['diagnoses'] = list('diagnoses').map((a) => ({ ...a, note: erase(a['note']) }));
  await onSummary(ctx, event, d.patientId, { $set: set });
  await onSearch(ctx, d.patientId, { searchable: false, erased: true }, SEARCH_NAME_FIELDS);
};

export const patientsProjection = defineProjection({
  module: 'patients',
  views: patientViews,
  handlers: {
    PatientRegistered: registered,
    MrnAssigned: ignore(
      'the registry stream only hands out numbers; the MRN reaches the summary with PatientRegistered',
    ),
    PatientIdentityKeyClaimed: ignore('a blind-index claim for duplicate detection on the write side; nothing to show'),
    PatientIdentityKeyReleased: ignore('a blind-index release on the write side; nothing to show'),
    PatientDemographicsUpdated: demographicsUpdated,
    AllergyRecorded: allergyRecorded,
    DiagnosisRecorded: diagnosisRecorded,
    ClinicalNoteRecorded: ignore('notes are read from the audited record, not from a read model'),
    PossibleDuplicateFlagged: duplicateFlagged,
    PossibleDuplicateConfirmed: duplicateResolved('confirmed'),
    PossibleDuplicateDismissed: duplicateResolved('dismissed'),
    PatientMergedInto: mergedInto,
    DuplicatePatientMerged: duplicateMerged,
    PatientDeathRecorded: deathRecorded,
    PatientPersonalDataErased: personalDataErased,
  },
});
