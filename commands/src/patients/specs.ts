import { z } from 'zod';
import type { CommandSpec } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import { birthDate as plausibleBirthDate } from '../shared/plausible-times.js';
import * as decider from './decider.js';
import {
  changedIdentity,
  type IdentityKeyKind,
  identityKeys,
  type PatientKeyState,
  patientKeyAggregate,
} from './identity-keys.js';
import { MRN_REGISTRY_ID, type MrnRegistryState, mrnRegistryAggregate } from './mrn.js';
import { type PatientState, patientAggregate } from './patient.js';
import { personalName as name } from './personal-name.js';

/**
 * The patients module's commands as the command server serves them. Roles: the front desk owns
 * identity (register, demographics, duplicate triage); nurses and physicians write the clinical
 * record; only a physician certifies death; merging and erasure are irreversible, so admin only.
 */

const MODULE = 'patients';

const patientId = z.uuid().describe('Patient id (UUID).');
const sex = describedCodes('Administrative sex (FHIR AdministrativeGender).', {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'not known or not stated',
});
const birthDate = plausibleBirthDate('Date of birth');
const nationalId = z.string().trim().min(3).max(40).describe('National identifier (e.g. social security number).');
const address = z.string().trim().min(1).max(300).describe('Postal address, one line.');
const phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{5,30}$/)
  .describe('Phone number: digits, spaces, parentheses, hyphens, optional leading +.');

const patientStream = (id: string): TypedStreamRef<PatientState> => ({ aggregate: patientAggregate, id });

/** A patient stream and the identity-key streams the command moves the patient out of (`release:`) or into (`claim:`). */
type RefilingRefs = { patient: TypedStreamRef<PatientState> } & {
  [key: `${'release' | 'claim'}:${string}`]: TypedStreamRef<PatientKeyState>;
};
const IDENTITY_KEY_KINDS: readonly IdentityKeyKind[] = ['name_birth_date_sex', 'national_id'];
const keyStream = (hmac: string): TypedStreamRef<PatientKeyState> => ({ aggregate: patientKeyAggregate, id: hmac });
const keyStreamsLoaded = (
  loaded: Partial<Record<`${'release' | 'claim'}:${string}`, { state: PatientKeyState }>>,
  prefix: 'release' | 'claim',
) =>
  IDENTITY_KEY_KINDS.flatMap((kind) => {
    const stream = loaded[`${prefix}:${kind}`];
    return stream ? [{ kind, state: stream.state }] : [];
  });

type RegistrationRefs = {
  patient: TypedStreamRef<PatientState>;
  mrn: TypedStreamRef<MrnRegistryState>;
} & { [key: `key:${string}`]: TypedStreamRef<PatientKeyState> } & {
  [key: `candidate:${string}`]: TypedStreamRef<PatientState>;
};

export const registerPatient = defineCommand({
  module: MODULE,
  name: 'register-patient',
  summary:
    'Register a patient and give them the next MRN of the hospital. A registration sharing name + birth date + sex, or national id, with an earlier one is flagged as a possible duplicate.',
  roles: ['front_desk'],
  body: z.strictObject({
    givenName: name('Given name(s).'),
    familyName: name('Family name.'),
    birthDate,
    sex,
    nationalId: nationalId.optional(),
    address: address.optional(),
    phone: phone.optional(),
  }),
  toCommand: (body, ctx) => {
    const identity = { ...body, nationalId: body.nationalId ?? null };
    return {
      type: 'RegisterPatient' as const,
      patientId: ctx.newId(),
      givenName: body.givenName,
      familyName: body.familyName,
      birthDate: body.birthDate,
      sex: body.sex,
      nationalId: body.nationalId ?? null,
      address: body.address ?? null,
      phone: body.phone ?? null,
      identityKeys: identityKeys(identity, ctx),
      at: ctx.now,
    };
  },
  streams: (command): RegistrationRefs => {
    const refs: RegistrationRefs = {
      patient: patientStream(command.patientId),
      // The registry is appended with the registration at its expected revision: two concurrent
      // registrations cannot both take the same number. Its last event carries the whole state.
      mrn: { aggregate: mrnRegistryAggregate, id: MRN_REGISTRY_ID, tail: true },
    };
    for (const key of command.identityKeys) refs[`key:${key.kind}`] = { aggregate: patientKeyAggregate, id: key.hmac };
    return refs;
  },
  // The patients already filed under these keys: one erased before erasure released its keys is
  // still filed, and must not be flagged (re-linked) either.
  following: (command, loaded) => {
    const refs: Partial<RegistrationRefs> = {};
    for (const key of command.identityKeys) {
      for (const id of loaded[`key:${key.kind}`]?.state.patientIds ?? []) {
        if (id !== command.patientId) refs[`candidate:${id}`] = patientStream(id);
      }
    }
    return refs;
  },
  decide: (command, loaded) => {
    const keys = command.identityKeys.map((k) => ({
      kind: k.kind,
      state: loaded[`key:${k.kind}`]?.state ?? patientKeyAggregate.initialState,
    }));
    const erased = new Set(
      keys.flatMap((k) => k.state.patientIds).filter((id) => loaded[`candidate:${id}`]?.state.personalDataErased),
    );
    const decided = decider.registerPatient(command, loaded.patient.state, loaded.mrn.state, keys, erased);
    const out: Record<string, readonly decider.Decided[]> = { patient: decided.patient, mrn: decided.mrn };
    command.identityKeys.forEach((k: { kind: IdentityKeyKind }, i) => {
      out[`key:${k.kind}`] = decided.keys[i] ?? [];
    });
    return out;
  },
});

export const updateDemographics = defineCommand({
  module: MODULE,
  name: 'update-demographics',
  summary: "Correct or change a patient's demographics; only the fields sent change.",
  roles: ['front_desk'],
  body: z
    .strictObject({
      patientId,
      givenName: name('New given name(s).').optional(),
      familyName: name('New family name.').optional(),
      birthDate: birthDate.optional(),
      sex: sex.optional(),
      nationalId: nationalId.optional(),
      address: address.optional(),
      phone: phone.optional(),
    })
    .refine((b) => Object.keys(b).length > 1, { message: 'At least one demographic field must change.' }),
  toCommand: (body, ctx) => ({
    type: 'UpdateDemographics' as const,
    patientId: body.patientId,
    givenName: body.givenName ?? null,
    familyName: body.familyName ?? null,
    birthDate: body.birthDate ?? null,
    sex: body.sex ?? null,
    nationalId: body.nationalId ?? null,
    address: body.address ?? null,
    phone: body.phone ?? null,
    at: ctx.now,
  }),
  streams: (command): RefilingRefs => ({ patient: patientStream(command.patientId) }),
  // Only the kinds whose key the change moves: a new address, or a name spelt the same way once
  // normalised, touches no identity-key stream.
  following: (command, loaded, ctx) => {
    const before = loaded.patient.state.identity;
    if (before === null) return {};
    const was = identityKeys(before, ctx);
    const willBe = identityKeys(changedIdentity(before, command), ctx);
    const refs: Partial<RefilingRefs> = {};
    for (const kind of IDENTITY_KEY_KINDS) {
      const old = was.find((k) => k.kind === kind);
      const next = willBe.find((k) => k.kind === kind);
      if (old?.hmac === next?.hmac) continue;
      if (old) refs[`release:${kind}`] = keyStream(old.hmac);
      if (next) refs[`claim:${kind}`] = keyStream(next.hmac);
    }
    return refs;
  },
  decide: (command, loaded) => {
    const released = keyStreamsLoaded(loaded, 'release');
    const claimed = keyStreamsLoaded(loaded, 'claim');
    const decided = decider.updateDemographics(command, loaded.patient.state, { released, claimed });
    const out: Record<string, readonly decider.Decided[]> = { patient: decided.patient };
    released.forEach((k, i) => {
      out[`release:${k.kind}`] = decided.released[i] ?? [];
    });
    claimed.forEach((k, i) => {
      out[`claim:${k.kind}`] = decided.claimed[i] ?? [];
    });
    return out;
  },
});

const duplicateBody = z.strictObject({
  patientId: patientId.describe('The patient that carries the possible-duplicate flag.'),
  candidatePatientId: z.uuid().describe('The patient it was flagged against.'),
});

const resolveDuplicate = (resolution: 'confirmed' | 'dismissed', name: string, summary: string) =>
  defineCommand({
    module: MODULE,
    name,
    summary,
    roles: ['front_desk', 'admin'],
    body: duplicateBody,
    toCommand: (body, ctx) => ({ type: 'ResolvePossibleDuplicate' as const, ...body, resolution, at: ctx.now }),
    streams: (command) => ({ patient: patientStream(command.patientId) }),
    decide: (command, loaded) => ({ patient: decider.resolvePossibleDuplicate(command, loaded.patient.state) }),
  });

export const confirmPossibleDuplicate = resolveDuplicate(
  'confirmed',
  'confirm-possible-duplicate',
  'Confirm that a flagged registration is the same person as the candidate; the records are then to be merged.',
);
export const dismissPossibleDuplicate = resolveDuplicate(
  'dismissed',
  'dismiss-possible-duplicate',
  'Dismiss a possible-duplicate flag: the two patients are different people.',
);

export const recordAllergy = defineCommand({
  module: MODULE,
  name: 'record-allergy',
  summary: 'Record an allergy or intolerance.',
  roles: ['nurse', 'physician'],
  body: z.strictObject({
    patientId,
    substance: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .describe(
        'The substance as the clinician names it (e.g. "penicillin"). Free text: stored encrypted, as personal data.',
      ),
    substanceCode: z
      .string()
      .regex(/^[0-9]{6,18}$/)
      .optional()
      .describe('SNOMED CT (or RxNorm) code of the substance, e.g. "764146007"; stored in clear.'),
    category: describedCodes('Kind of substance (FHIR allergy category).', {
      food: 'a food',
      medication: 'a medicine',
      environment: 'something in the surroundings (pollen, latex, …)',
      biologic: 'a biological product (blood, vaccine, …)',
    }),
    criticality: describedCodes('Potential harm of a future reaction (FHIR criticality).', {
      low: 'unlikely to be life-threatening',
      high: 'may be life-threatening or cause lasting harm',
      unable_to_assess: 'cannot be told',
    }),
    reaction: z.string().trim().min(1).max(2000).optional().describe('Free-text description of the reaction.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordAllergy' as const,
    ...body,
    allergyId: ctx.newId(),
    substanceCode: body.substanceCode ?? null,
    reaction: body.reaction ?? null,
    at: ctx.now,
  }),
  streams: (command) => ({ patient: patientStream(command.patientId) }),
  decide: (command, loaded) => ({ patient: decider.recordAllergy(command, loaded.patient.state) }),
});

export const recordDiagnosis = defineCommand({
  module: MODULE,
  name: 'record-diagnosis',
  summary: 'Record a diagnosis (ICD-10 coded).',
  roles: ['nurse', 'physician'],
  body: z.strictObject({
    patientId,
    code: z
      .string()
      .regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$/)
      .describe('ICD-10 code, e.g. "J18.9".'),
    verification: describedCodes('How certain the diagnosis is (FHIR verification status).', {
      provisional: 'a working diagnosis',
      differential: 'one of several candidates',
      confirmed: 'established by evidence',
    }),
    note: z.string().trim().min(1).max(4000).optional().describe('Free-text comment.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordDiagnosis' as const,
    ...body,
    diagnosisId: ctx.newId(),
    note: body.note ?? null,
    at: ctx.now,
  }),
  streams: (command) => ({ patient: patientStream(command.patientId) }),
  decide: (command, loaded) => ({ patient: decider.recordDiagnosis(command, loaded.patient.state) }),
});

export const recordClinicalNote = defineCommand({
  module: MODULE,
  name: 'record-clinical-note',
  summary: "Write a note in the patient's record; the author is the caller.",
  roles: ['nurse', 'physician'],
  body: z.strictObject({
    patientId,
    category: describedCodes('Kind of note.', {
      progress: 'daily progress',
      admission: 'at admission',
      consult: 'a specialist’s consultation',
      nursing: 'by nursing staff',
      discharge: 'discharge summary',
    }),
    text: z.string().trim().min(1).max(20000).describe('The note.'),
  }),
  toCommand: (body, ctx) => ({ type: 'RecordClinicalNote' as const, ...body, noteId: ctx.newId(), at: ctx.now }),
  streams: (command) => ({ patient: patientStream(command.patientId) }),
  decide: (command, loaded) => ({ patient: decider.recordClinicalNote(command, loaded.patient.state) }),
});

export const mergePatients = defineCommand({
  module: MODULE,
  name: 'merge-patients',
  summary:
    'Merge a duplicate patient record into the surviving one: the duplicate is voided and points to the survivor. Refused while the duplicate has an active stay.',
  roles: ['admin'],
  body: z.strictObject({
    survivorPatientId: z.uuid().describe('The record that survives.'),
    duplicatePatientId: z.uuid().describe('The duplicate record, to be voided.'),
  }),
  toCommand: (body, ctx) => ({ type: 'MergePatients' as const, ...body, at: ctx.now }),
  // The duplicate comes first: it is the record the merge changes most (its revision is the ETag).
  streams: (command) => ({
    duplicate: patientStream(command.duplicatePatientId),
    survivor: patientStream(command.survivorPatientId),
  }),
  decide: (command, loaded) => decider.mergePatients(command, loaded.survivor.state, loaded.duplicate.state),
});

export const recordDeath = defineCommand({
  module: MODULE,
  name: 'record-death',
  summary: 'Record the death of a patient.',
  roles: ['physician'],
  body: z.strictObject({
    patientId,
    diedAt: z.iso
      .datetime({
        offset: true,
        error: 'Expected an ISO-8601 date-time with a UTC offset (Z or ±hh:mm), e.g. 2026-03-01T14:30:00Z',
      })
      .describe('Time of death, ISO-8601.'),
    causeCode: z
      .string()
      .regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$/)
      .optional()
      .describe('ICD-10 code of the underlying cause of death.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordDeath' as const,
    patientId: body.patientId,
    diedAt: new Date(body.diedAt).toISOString(),
    causeCode: body.causeCode ?? null,
    at: ctx.now,
  }),
  streams: (command) => ({ patient: patientStream(command.patientId) }),
  decide: (command, loaded) => ({ patient: decider.recordDeath(command, loaded.patient.state) }),
});

export const erasePatientPersonalData = defineCommand({
  module: MODULE,
  name: 'erase-patient-personal-data',
  summary:
    "Erase a patient's personal data by crypto-shredding: the event is recorded and the patient's data key deleted; no event is deleted and the history still verifies.",
  roles: ['admin'],
  body: z.strictObject({
    patientId,
    legalBasis: describedCodes('Why the data is erased.', {
      patient_request: 'the patient asked for erasure (right to erasure)',
      retention_expired: 'the legal retention period has passed',
      court_order: 'a court ordered it',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'ErasePatientPersonalData' as const, ...body, at: ctx.now }),
  streams: (command): RefilingRefs => ({ patient: patientStream(command.patientId) }),
  // The keys of the identity as last recorded (decrypted while the data key still exists: the
  // key is deleted only after this decision).
  following: (_command, loaded, ctx) => {
    const identity = loaded.patient.state.identity;
    const refs: Partial<RefilingRefs> = {};
    for (const key of identity ? identityKeys(identity, ctx) : []) refs[`release:${key.kind}`] = keyStream(key.hmac);
    return refs;
  },
  decide: (command, loaded) => {
    const keys = keyStreamsLoaded(loaded, 'release');
    const decided = decider.erasePatientPersonalData(command, loaded.patient.state, keys);
    const out: Record<string, readonly decider.Decided[]> = { patient: decided.patient };
    keys.forEach((k, i) => {
      out[`release:${k.kind}`] = decided.released[i] ?? [];
    });
    return out;
  },
});

export const patientsCommands: readonly CommandSpec[] = [
  registerPatient,
  updateDemographics,
  confirmPossibleDuplicate,
  dismissPossibleDuplicate,
  recordAllergy,
  recordDiagnosis,
  recordClinicalNote,
  mergePatients,
  recordDeath,
  erasePatientPersonalData,
];
