import { z } from 'zod';
import { type PatientState, patientAggregate } from '../patients/index.js';
import type { CommandSpec, Role } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import { instantWithin } from '../shared/plausible-times.js';
import { stayBilling } from '../shared/stay-billing.js';
import { type BedState, bedAggregate } from './bed.js';
import * as decider from './decider.js';
import { type StayState, stayAggregate } from './stay.js';
import { type WardState, wardAggregate } from './ward.js';

/**
 * The admissions module's commands as the command server serves them. Roles: admins shape the
 * hospital (wards, beds); the front desk and nurses run ADT and the bed board; physicians may
 * also request admissions and decide discharges. Commands that move a patient name every bed and
 * patient they touch, because the streams must be known before anything is loaded.
 */

const MODULE = 'admissions';
const ADT: readonly Role[] = ['front_desk', 'nurse'];

const uuid = (what: string) => z.uuid().describe(what);
const stayId = uuid('Stay (hospital encounter) id.');
const bedId = uuid('Bed id.');
const patientId = uuid('Patient id.');
const instant = (what: string) =>
  z.iso
    .datetime({
      offset: true,
      error: 'Expected an ISO-8601 date-time with a UTC offset (Z or ±hh:mm), e.g. 2026-03-01T14:30:00Z',
    })
    .describe(`${what}, ISO-8601.`);
const utc = (iso: string) => new Date(iso).toISOString();

const ward = (id: string): TypedStreamRef<WardState> => ({ aggregate: wardAggregate, id });
const bed = (id: string): TypedStreamRef<BedState> => ({ aggregate: bedAggregate, id });
const stay = (id: string): TypedStreamRef<StayState> => ({ aggregate: stayAggregate, id });
const patient = (id: string): TypedStreamRef<PatientState> => ({ aggregate: patientAggregate, id });

export const defineWard = defineCommand({
  module: MODULE,
  name: 'define-ward',
  summary: 'Define a ward.',
  roles: ['admin'],
  body: z.strictObject({
    name: z.string().trim().min(1).max(80).describe('Display name, e.g. "Cardiology 3 East".'),
    specialty: describedCodes('Kind of care given on the ward.', {
      medical: 'general and internal medicine',
      surgical: 'before and after surgery',
      intensive_care: 'intensive care (ICU)',
      maternity: 'birth and after',
      paediatric: 'children',
      psychiatric: 'mental health',
      other: 'anything else',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'DefineWard' as const, wardId: ctx.newId(), ...body, at: ctx.now }),
  streams: (c) => ({ ward: ward(c.wardId) }),
  decide: (c, loaded) => decider.defineWard(c, loaded.ward.state),
});

export const addBed = defineCommand({
  module: MODULE,
  name: 'add-bed',
  summary: 'Add a bed to a ward; it starts free.',
  roles: ['admin'],
  body: z.strictObject({
    wardId: uuid('The ward.'),
    label: z.string().trim().min(1).max(40).describe('Label on the bed board, e.g. "3E-12A".'),
  }),
  toCommand: (body, ctx) => ({ type: 'AddBed' as const, bedId: ctx.newId(), ...body, at: ctx.now }),
  streams: (c) => ({ bed: bed(c.bedId), ward: ward(c.wardId) }),
  decide: (c, loaded) => decider.addBed(c, loaded.bed.state, loaded.ward.state),
});

export const closeBed = defineCommand({
  module: MODULE,
  name: 'close-bed',
  summary: 'Take a free or to-clean bed out of service.',
  roles: ['nurse', 'admin'],
  body: z.strictObject({
    bedId,
    reason: describedCodes('Why the bed is closed.', {
      maintenance: 'repair or upkeep',
      infection_control: 'isolation or deep cleaning after an infection',
      staffing: 'not enough staff to care for a patient in it',
      other: 'any other reason',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'CloseBed' as const, ...body, at: ctx.now }),
  streams: (c) => ({ bed: bed(c.bedId) }),
  decide: (c, loaded) => decider.closeBed(c, loaded.bed.state),
});

export const reopenBed = defineCommand({
  module: MODULE,
  name: 'reopen-bed',
  summary: 'Put a closed bed back in service; it is free again.',
  roles: ['nurse', 'admin'],
  body: z.strictObject({ bedId }),
  toCommand: (body, ctx) => ({ type: 'ReopenBed' as const, ...body, at: ctx.now }),
  streams: (c) => ({ bed: bed(c.bedId) }),
  decide: (c, loaded) => decider.reopenBed(c, loaded.bed.state),
});

export const markBedClean = defineCommand({
  module: MODULE,
  name: 'mark-bed-clean',
  summary: 'Mark a bed clean after its patient left; it is free again.',
  roles: ADT,
  body: z.strictObject({ bedId }),
  toCommand: (body, ctx) => ({ type: 'MarkBedClean' as const, ...body, at: ctx.now }),
  streams: (c) => ({ bed: bed(c.bedId) }),
  decide: (c, loaded) => decider.markBedClean(c, loaded.bed.state),
});

export const requestAdmission = defineCommand({
  module: MODULE,
  name: 'request-admission',
  summary:
    'Request an admission to a ward: opens a planned stay. Refused for a voided or deceased patient, or one who already has a stay.',
  roles: ['front_desk', 'nurse', 'physician'],
  body: z.strictObject({
    patientId,
    wardId: uuid('The ward the patient should go to.'),
    reason: z.string().trim().min(1).max(2000).optional().describe('Reason for admission (clinical free text).'),
  }),
  toCommand: (body, ctx) => ({
    type: 'RequestAdmission' as const,
    stayId: ctx.newId(),
    patientId: body.patientId,
    wardId: body.wardId,
    reason: body.reason ?? null,
    at: ctx.now,
  }),
  // The ward is only read; the patient stream is written (StayOpened) so a merge or a second
  // admission racing this one fails on its revision.
  streams: (c) => ({ stay: stay(c.stayId), patient: patient(c.patientId), ward: ward(c.wardId) }),
  decide: (c, loaded) => decider.requestAdmission(c, loaded.stay.state, loaded.patient.state, loaded.ward.state),
});

export const reserveBed = defineCommand({
  module: MODULE,
  name: 'reserve-bed',
  summary: 'Reserve a free bed for a planned stay.',
  roles: ADT,
  body: z.strictObject({ stayId, bedId }),
  toCommand: (body, ctx) => ({ type: 'ReserveBed' as const, ...body, at: ctx.now }),
  streams: (c) => ({ stay: stay(c.stayId), bed: bed(c.bedId) }),
  decide: (c, loaded) => decider.reserveBed(c, loaded.stay.state, loaded.bed.state),
});

export const releaseBedReservation = defineCommand({
  module: MODULE,
  name: 'release-bed-reservation',
  summary: 'Release the bed reserved for a planned stay; the bed is free again.',
  roles: ADT,
  body: z.strictObject({ stayId, bedId }),
  toCommand: (body, ctx) => ({ type: 'ReleaseBedReservation' as const, ...body, at: ctx.now }),
  streams: (c) => ({ stay: stay(c.stayId), bed: bed(c.bedId) }),
  decide: (c, loaded) => decider.releaseBedReservation(c, loaded.stay.state, loaded.bed.state),
});

export const admitPatient = defineCommand({
  module: MODULE,
  name: 'admit-patient',
  summary:
    'Admit the patient of a planned stay to a free bed, or to the bed reserved for them. Of two concurrent admissions to one bed exactly one succeeds.',
  roles: ADT,
  body: z.strictObject({ stayId, patientId, bedId }),
  toCommand: (body, ctx) => ({ type: 'AdmitPatient' as const, ...body, at: ctx.now }),
  // The patient stream is only read (died since the request?).
  streams: (c) => ({ stay: stay(c.stayId), bed: bed(c.bedId), patient: patient(c.patientId) }),
  decide: (c, loaded) => decider.admitPatient(c, loaded.stay.state, loaded.bed.state, loaded.patient.state),
});

export const transferPatient = defineCommand({
  module: MODULE,
  name: 'transfer-patient',
  summary: 'Move an admitted patient to another free bed; the old bed goes to cleaning.',
  roles: ADT,
  body: z.strictObject({
    stayId,
    fromBedId: uuid('The bed the patient is in.'),
    toBedId: uuid('The free bed to move to.'),
  }),
  toCommand: (body, ctx) => ({ type: 'TransferPatient' as const, ...body, at: ctx.now }),
  streams: (c) => ({ stay: stay(c.stayId), fromBed: bed(c.fromBedId), toBed: bed(c.toBedId) }),
  decide: (c, loaded) => decider.transferPatient(c, loaded.stay.state, loaded.fromBed.state, loaded.toBed.state),
});

export const swapBeds = defineCommand({
  module: MODULE,
  name: 'swap-beds',
  summary: 'Swap the beds of two admitted patients.',
  roles: ADT,
  body: z.strictObject({
    firstStayId: uuid('The first stay.'),
    firstBedId: uuid('The bed the first patient is in.'),
    secondStayId: uuid('The second stay.'),
    secondBedId: uuid('The bed the second patient is in.'),
  }),
  toCommand: (body, ctx) => ({ type: 'SwapBeds' as const, ...body, at: ctx.now }),
  streams: (c) => ({
    firstStay: stay(c.firstStayId),
    secondStay: stay(c.secondStayId),
    firstBed: bed(c.firstBedId),
    secondBed: bed(c.secondBedId),
  }),
  decide: (c, loaded) =>
    decider.swapBeds(c, loaded.firstStay.state, loaded.secondStay.state, loaded.firstBed.state, loaded.secondBed.state),
});

export const startLeave = defineCommand({
  module: MODULE,
  name: 'start-leave',
  summary: 'The patient leaves on temporary leave; the bed is held.',
  roles: ADT,
  body: z.strictObject({ stayId, expectedReturnAt: instant('When the patient is expected back').optional() }),
  toCommand: (body, ctx) => ({
    type: 'StartLeave' as const,
    stayId: body.stayId,
    expectedReturnAt: body.expectedReturnAt === undefined ? null : utc(body.expectedReturnAt),
    at: ctx.now,
  }),
  streams: (c) => ({ stay: stay(c.stayId) }),
  decide: (c, loaded) => decider.startLeave(c, loaded.stay.state),
});

export const endLeave = defineCommand({
  module: MODULE,
  name: 'end-leave',
  summary: 'The patient is back from leave.',
  roles: ADT,
  body: z.strictObject({ stayId }),
  toCommand: (body, ctx) => ({ type: 'EndLeave' as const, ...body, at: ctx.now }),
  streams: (c) => ({ stay: stay(c.stayId) }),
  decide: (c, loaded) => decider.endLeave(c, loaded.stay.state),
});

export const scheduleDischarge = defineCommand({
  module: MODULE,
  name: 'schedule-discharge',
  summary:
    'Plan the discharge of an admitted patient (sending it again reschedules). The bed is kept until the actual discharge.',
  roles: ['nurse', 'physician'],
  // A plan may be entered a day late; a stay planned more than a year ahead is a slip of the year.
  body: z.strictObject({
    stayId,
    plannedFor: instantWithin('Planned discharge time', { pastDays: 1, futureDays: 366 }),
  }),
  toCommand: (body, ctx) => ({
    type: 'ScheduleDischarge' as const,
    stayId: body.stayId,
    plannedFor: utc(body.plannedFor),
    at: ctx.now,
  }),
  streams: (c) => ({ stay: stay(c.stayId) }),
  decide: (c, loaded) => decider.scheduleDischarge(c, loaded.stay.state),
});

export const cancelScheduledDischarge = defineCommand({
  module: MODULE,
  name: 'cancel-scheduled-discharge',
  summary: 'Call off a scheduled discharge; the patient stays.',
  roles: ['nurse', 'physician'],
  body: z.strictObject({ stayId }),
  toCommand: (body, ctx) => ({ type: 'CancelScheduledDischarge' as const, ...body, at: ctx.now }),
  streams: (c) => ({ stay: stay(c.stayId) }),
  decide: (c, loaded) => decider.cancelScheduledDischarge(c, loaded.stay.state),
});

export const dischargePatient = defineCommand({
  module: MODULE,
  name: 'discharge-patient',
  summary: 'Discharge an admitted patient: the stay is finished and the bed is released to cleaning.',
  roles: ['front_desk', 'nurse', 'physician'],
  body: z.strictObject({
    stayId,
    patientId,
    bedId: uuid('The bed the patient is in.'),
    reason: describedCodes('Why the stay ends.', {
      home: 'treatment finished, the patient goes home (or to where they live)',
      transfer: 'moved to another facility',
      death: 'the patient died',
      against_advice: 'the patient left against medical advice',
    }),
    disposition: describedCodes('Where the patient goes (FHIR discharge-disposition codes, hyphens as underscores).', {
      home: 'home',
      alt_home: 'alternative home (e.g. a relative’s)',
      other_hcf: 'another healthcare facility',
      hosp: 'hospice',
      long: 'long-term care',
      aadvice: 'left against advice',
      exp: 'expired (died)',
      psy: 'psychiatric hospital',
      rehab: 'rehabilitation',
      snf: 'skilled nursing facility',
      oth: 'other',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'DischargePatient' as const, ...body, at: ctx.now }),
  // The stay's billing account (billing's published account events, folded below both modules) is
  // only read, but its revision is checked at the append: a charge captured meanwhile makes the
  // discharge decided again. The hospital's policy in force at the discharge says what unbilled
  // charges do (discharge guard).
  streams: (c) => ({
    stay: stay(c.stayId),
    bed: bed(c.bedId),
    patient: patient(c.patientId),
    billing: stayBilling(c.stayId),
  }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) =>
    decider.dischargePatient(c, loaded.stay.state, loaded.bed.state, loaded.billing.state, settings),
});

type CancelRefs = { stay: TypedStreamRef<StayState>; patient: TypedStreamRef<PatientState> } & {
  [key: `bed:${string}`]: TypedStreamRef<BedState>;
};

export const cancelAdmission = defineCommand({
  module: MODULE,
  name: 'cancel-admission',
  summary:
    'Cancel a planned stay before the patient is admitted. If a bed is reserved for it, name the bed: its reservation is released in the same append.',
  roles: ADT,
  body: z.strictObject({
    stayId,
    patientId,
    reservedBedId: uuid('The bed reserved for the stay, if any.').optional(),
    reason: describedCodes('Why the admission is cancelled.', {
      entered_in_error: 'the request was a mistake',
      patient_declined: 'the patient does not want to be admitted',
      no_longer_needed: 'the admission is no longer needed',
      other: 'any other reason',
    }),
  }),
  toCommand: (body, ctx) => ({
    type: 'CancelAdmission' as const,
    stayId: body.stayId,
    patientId: body.patientId,
    reservedBedId: body.reservedBedId ?? null,
    reason: body.reason,
    at: ctx.now,
  }),
  streams: (c): CancelRefs =>
    c.reservedBedId === null
      ? { stay: stay(c.stayId), patient: patient(c.patientId) }
      : { stay: stay(c.stayId), patient: patient(c.patientId), 'bed:reserved': bed(c.reservedBedId) },
  decide: (c, loaded) => {
    const decided = decider.cancelAdmission(c, loaded.stay.state, loaded['bed:reserved']?.state ?? null);
    return { stay: decided.stay, patient: decided.patient, 'bed:reserved': decided.reservedBed };
  },
});

export const admissionsCommands: readonly CommandSpec[] = [
  defineWard,
  addBed,
  closeBed,
  reopenBed,
  markBedClean,
  requestAdmission,
  reserveBed,
  releaseBedReservation,
  admitPatient,
  transferPatient,
  swapBeds,
  startLeave,
  endLeave,
  scheduleDischarge,
  cancelScheduledDischarge,
  dischargePatient,
  cancelAdmission,
];
