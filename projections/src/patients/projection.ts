import { type Document, ERASED, nameTokens, normaliseName, type Update } from '@chartline/infra';
import { dataOf } from '../runtime/event-data.js';
import { applyOnce } from '../runtime/guard.js';
import type { Handler, ProjectedEvent, Projection, ProjectionContext } from '../runtime/projection.js';
import { PATIENT_SEARCH, PATIENT_SUMMARY, patientDocId, patientViews } from './views.js';

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

function ids(event: ProjectedEvent, patientId: string) {
  return { _id: patientDocId(event.hospitalId, patientId), hospitalId: event.hospitalId, patientId };
}

async function onSummary(ctx: ProjectionContext, event: ProjectedEvent, patientId: string, update: Document) {
  const { _id, ...keys } = ids(event, patientId);
  const $set = { ...keys, updatedAt: event.occurredAt, ...((update.$set as Document) ?? {}) };
  await applyOnce(ctx.view(PATIENT_SUMMARY), _id, event.position, { ...update, $set });
}

async function onSearch(ctx: ProjectionContext, event: ProjectedEvent, patientId: string, set: Document, unset = {}) {
  const { _id, ...keys } = ids(event, patientId);
  const update: Update = { $set: { ...keys, ...set } };
  if (Object.keys(unset).length > 0) update.$unset = unset;
  await applyOnce(ctx.view(PATIENT_SEARCH), _id, event.position, update);
}

const registered: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PatientRegistered');
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
    event,
    d.patientId,
    { mrn: d.mrn, sex: d.sex, status: 'active', mergedInto: null, ...search.set },
    search.unset,
  );
};

const demographicsUpdated: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PatientDemographicsUpdated');
  const p = await ctx.reveal(event, d.patientId);
  const changed: Document = {};
  for (const field of PERSONAL_SUMMARY_FIELDS)
    if (p[field] !== null && p[field] !== undefined) changed[field] = p[field];
  if (d.sex !== null) changed['sex'] = d.sex;
  await onSummary(ctx, event, d.patientId, { $set: changed });

  const current = await ctx.view(PATIENT_SEARCH).findOne({ _id: patientDocId(event.hospitalId, d.patientId) });
  if (!current) return;
  const given = p['givenName'] ?? current['givenName'];
  const family = p['familyName'] ?? current['familyName'];
  const birth = p['birthDate'] ?? current['birthDate'];
  const search = current['erased'] === true ? null : searchFields(given, family, birth);
  const set: Document = { ...(search?.set ?? {}) };
  if (d.sex !== null) set['sex'] = d.sex;
  await onSearch(ctx, event, d.patientId, set, search?.unset);
};

const allergyRecorded: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'AllergyRecorded');
  const p = await ctx.reveal(event, d.patientId);
  const allergy = {
    allergyId: d.allergyId,
    substance: d.substance,
    category: d.category,
    criticality: d.criticality,
    reaction: p['reaction'] ?? null,
    recordedAt: d.recordedAt,
  };
  await onSummary(ctx, event, d.patientId, { $push: { allergies: allergy } });
};

const diagnosisRecorded: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'DiagnosisRecorded');
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

const duplicateFlagged: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PossibleDuplicateFlagged');
  await onSummary(ctx, event, d.patientId, {
    $set: {
      [`possibleDuplicates.${d.candidatePatientId}`]: {
        matchedOn: d.matchedOn,
        flaggedAt: d.flaggedAt,
        resolution: 'open',
        resolvedAt: null,
      },
    },
  });
};

const duplicateResolved =
  (resolution: 'confirmed' | 'dismissed'): Handler =>
  async (event, ctx) => {
    const d = dataOf(event, 'patients', 'PossibleDuplicateConfirmed');
    const key = `possibleDuplicates.${d.candidatePatientId}`;
    await onSummary(ctx, event, d.patientId, {
      $set: { [`${key}.resolution`]: resolution, [`${key}.resolvedAt`]: d.resolvedAt },
    });
  };

const mergedInto: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PatientMergedInto');
  await onSummary(ctx, event, d.patientId, { $set: { status: 'merged', mergedInto: d.survivorPatientId } });
  await onSearch(ctx, event, d.patientId, { status: 'merged', mergedInto: d.survivorPatientId });
};

const duplicateMerged: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'DuplicatePatientMerged');
  await onSummary(ctx, event, d.patientId, { $addToSet: { mergedFrom: d.mergedPatientId } });
};

const deathRecorded: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PatientDeathRecorded');
  const deceased = { diedAt: d.diedAt, causeCode: d.causeCode ?? null, recordedAt: d.recordedAt };
  await onSummary(ctx, event, d.patientId, { $set: { status: 'deceased', deceased } });
  await onSearch(ctx, event, d.patientId, { status: 'deceased' });
};

/**
 * Crypto-shredding reaches the read models: every personal field reads as erased, clinical free
 * text inside allergies and diagnoses included, and the patient drops out of search. Fields that
 * were never set (null) stay null, as decrypting the history after erasure would leave them.
 */
const personalDataErased: Handler = async (event, ctx) => {
  const d = dataOf(event, 'patients', 'PatientPersonalDataErased');
  const summary = ctx.view(PATIENT_SUMMARY);
  const current = await summary.findOne({ _id: patientDocId(event.hospitalId, d.patientId) });
  const erase = (value: unknown) => (value === null || value === undefined ? null : ERASED);
  const set: Document = { erased: true };
  for (const field of PERSONAL_SUMMARY_FIELDS) set[field] = erase(current?.[field]);
  const list = (name: string) => (Array.isArray(current?.[name]) ? (current[name] as Document[]) : []);
  set['allergies'] = list('allergies').map((a) => ({ ...a, reaction: erase(a['reaction']) }));
  set['diagnoses'] = list('diagnoses').map((a) => ({ ...a, note: erase(a['note']) }));
  await onSummary(ctx, event, d.patientId, { $set: set });
  await onSearch(ctx, event, d.patientId, { searchable: false, erased: true }, SEARCH_NAME_FIELDS);
};

export const patientsProjection: Projection = {
  module: 'patients',
  views: patientViews,
  handlers: {
    PatientRegistered: registered,
    PatientDemographicsUpdated: demographicsUpdated,
    AllergyRecorded: allergyRecorded,
    DiagnosisRecorded: diagnosisRecorded,
    PossibleDuplicateFlagged: duplicateFlagged,
    PossibleDuplicateConfirmed: duplicateResolved('confirmed'),
    PossibleDuplicateDismissed: duplicateResolved('dismissed'),
    PatientMergedInto: mergedInto,
    DuplicatePatientMerged: duplicateMerged,
    PatientDeathRecorded: deathRecorded,
    PatientPersonalDataErased: personalDataErased,
  },
};
