import { z } from 'zod';
import { type CommandContext, ROLES, type Role } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import {
  type AccessState,
  type LicenceRegisterState,
  licenceRegisterAggregate,
  type ShiftTypeState,
  type SwapState,
  shiftSwapAggregate,
  shiftTypeAggregate,
  staffAccessAggregate,
} from './aggregates.js';
import * as decider from './decider.js';
import { type StaffState, staffAggregate } from './staff.js';

/**
 * The hr module's commands. Roles (issue 18): HR officers onboard, separate and record licences;
 * ward managers roster and approve swaps and leave; administrators link users and grant and
 * revoke access roles; every staff member may request leave and swaps for themselves.
 */

const MODULE = 'hr';
const HR: readonly Role[] = ['hr_admin'];
const MANAGERS: readonly Role[] = ['ward_manager', 'hr_admin'];
const ADMINS: readonly Role[] = ['admin'];
/** Every role a staff member's token may carry: anyone may ask for their own leave or swap. */
const STAFF: readonly Role[] = ROLES.filter((role) => role !== 'auditor' && role !== 'platform_admin');
/** Roles that may act for someone else in self-service commands. */
const ACTS_FOR_OTHERS: readonly string[] = MANAGERS;

/** Roles an administrator may grant: every hospital role (platform administration is not HR's to give). */
const GRANTABLE = {
  front_desk: 'registration and admissions desk',
  nurse: 'nursing staff',
  physician: 'doctors',
  lab_technician: 'laboratory technicians',
  pathologist: 'pathologists (verify results)',
  lab_supervisor: 'laboratory supervisors',
  storekeeper: 'stores stock',
  pharmacist: 'pharmacists',
  billing_clerk: 'accounts and claims',
  hr_admin: 'HR officers',
  ward_manager: 'ward managers (rosters, swaps, leave)',
  admin: 'hospital administrators',
  auditor: 'auditors (read history)',
} as const satisfies Partial<Record<Role, string>>;

const uuid = (what: string) => z.uuid().describe(what);
const staffId = uuid('Staff member id.');
const date = (what: string) =>
  z.iso
    .date()
    .refine((value) => value >= '2000-01-01' && value <= '2099-12-31', {
      message: 'Must be a date from 2000-01-01 to 2099-12-31',
    })
    .describe(`${what}, YYYY-MM-DD.`);
const text = (what: string, max = 200) => z.string().trim().min(1).max(max).describe(what);
const time = (what: string) =>
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (00:00–23:59)')
    .describe(`${what}, HH:MM in the hospital’s local time (its time zone setting).`);
/** OpenID Connect subjects are opaque, stable ids; an e-mail as subject would put personal data in a stream id. */
const userId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,128}$/, 'Expected the identity provider’s opaque subject id (letters, digits, . _ : -)')
  .describe('The identity provider’s subject (`sub`) of the person’s tokens.');
const leaveType = describedCodes('Kind of leave:', {
  annual: 'paid annual leave',
  sick: 'sick leave',
  parental: 'maternity, paternity or parental leave',
  study: 'study or exam leave',
  unpaid: 'unpaid leave',
});
const reason = text('Why, for the people it concerns.', 500);

const staff = (id: string): TypedStreamRef<StaffState> => ({ aggregate: staffAggregate, id });
const access = (id: string): TypedStreamRef<AccessState> => ({ aggregate: staffAccessAggregate, id });
const shiftType = (id: string): TypedStreamRef<ShiftTypeState> => ({ aggregate: shiftTypeAggregate, id });
const swap = (id: string): TypedStreamRef<SwapState> => ({ aggregate: shiftSwapAggregate, id });
const register = (hospitalId: string): TypedStreamRef<LicenceRegisterState> => ({
  aggregate: licenceRegisterAggregate,
  id: hospitalId,
});
/**
 * The instant whose settings a day's rule uses: midday UTC of the day (settings take effect by
 * date, and the hospital's time zone is itself a setting).
 */
const middayOf = (date: string) => `${date}T12:00:00.000Z`;
const sender = (ctx: CommandContext): decider.Sender => ({
  actorId: ctx.actor.id,
  actsForOthers: ACTS_FOR_OTHERS.includes(ctx.actor.role),
});

export const onboardStaff = defineCommand({
  module: MODULE,
  name: 'onboard-staff',
  summary:
    'Onboard a staff member (personal fields encrypted under their own key), with their starting leave balances.',
  roles: HR,
  body: z.strictObject({
    givenName: text('Given name(s).'),
    familyName: text('Family name.'),
    department: text('Department, e.g. "Medicine".'),
    jobTitle: text('Job title (position), e.g. "Staff nurse".'),
    practitionerRoles: z
      .array(
        describedCodes('What the person practises as (FHIR PractitionerRole):', {
          physician: 'a doctor',
          nurse: 'a registered nurse',
          midwife: 'a midwife',
          lab_technician: 'a laboratory technician',
          pharmacist: 'a pharmacist',
          therapist: 'a physio-, occupational or speech therapist',
          radiographer: 'a radiographer',
          care_assistant: 'a healthcare assistant',
          administrative: 'administrative staff',
          other: 'anything else',
        }),
      )
      .max(10)
      .describe('Practitioner roles (may be empty).'),
    startDate: date('First working day'),
    leaveBalances: z
      .partialRecord(leaveType, z.int().min(0).max(366))
      .default({})
      .describe('Starting balance in days per leave type, e.g. {"annual": 25}.'),
  }),
  toCommand: (body, ctx): decider.OnboardStaff => ({ ...body, staffId: ctx.newId(), at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideOnboardStaff(c, loaded.staff.state),
});

type SeparationRefs = {
  staff: TypedStreamRef<StaffState>;
  register: TypedStreamRef<LicenceRegisterState>;
  access?: TypedStreamRef<AccessState>;
};

export const separateStaff = defineCommand({
  module: MODULE,
  name: 'separate-staff',
  summary: 'Record that a staff member leaves: shifts after their last day end and every access role is revoked.',
  roles: HR,
  body: z.strictObject({
    staffId,
    separationDate: date('Last working day'),
    reason: describedCodes('Why the person leaves:', {
      resignation: 'they resigned',
      retirement: 'they retired',
      dismissal: 'they were dismissed',
      end_of_contract: 'their contract ended',
      death: 'they died',
      other: 'another reason',
    }),
  }),
  toCommand: (body, ctx): decider.SeparateStaff & { hospitalId: string } => ({
    ...body,
    at: ctx.now,
    hospitalId: ctx.hospitalId,
  }),
  streams: (c): SeparationRefs => ({ staff: staff(c.staffId), register: register(c.hospitalId) }),
  following: (_c, loaded) => {
    const user = loaded.staff.state.userId;
    return user === null ? {} : { access: access(user) };
  },
  decide: (c, loaded) => decider.decideSeparateStaff(c, loaded.staff.state, loaded.access?.state),
});

export const eraseStaffPersonalData = defineCommand({
  module: MODULE,
  name: 'erase-staff-personal-data',
  summary: 'Erase a separated staff member’s personal data (their data key is deleted; history still verifies).',
  roles: HR,
  body: z.strictObject({
    staffId,
    legalBasis: describedCodes('Why the data is erased:', {
      staff_request: 'the former staff member asked',
      retention_expired: 'the retention period ended',
      court_order: 'a court ordered it',
    }),
  }),
  toCommand: (body, ctx): decider.EraseStaffPersonalData => ({ ...body, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideEraseStaffPersonalData(c, loaded.staff.state),
});

export const linkUser = defineCommand({
  module: MODULE,
  name: 'link-user',
  summary:
    'Link a staff member to the identity-provider subject of their tokens: from then on HR’s grants govern that subject here.',
  roles: ['admin', 'hr_admin'],
  body: z.strictObject({ staffId, userId }),
  toCommand: (body, ctx): decider.LinkUser => ({ ...body, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId), access: access(c.userId) }),
  decide: (c, loaded) => decider.decideLinkUser(c, loaded.staff.state, loaded.access.state),
});

type AccessRefs = { staff: TypedStreamRef<StaffState>; access?: TypedStreamRef<AccessState> };
const roleBody = z.strictObject({
  staffId,
  role: describedCodes('A role a token can carry (platform_admin is not granted per hospital):', GRANTABLE),
});
const accessOf = (state: StaffState): Partial<AccessRefs> =>
  state.userId === null ? {} : { access: access(state.userId) };

export const grantAccessRole = defineCommand({
  module: MODULE,
  name: 'grant-access-role',
  summary: 'Grant a linked staff member a role in this hospital (their token must still carry it).',
  roles: ADMINS,
  body: roleBody,
  toCommand: (body, ctx): decider.ChangeAccessRole => ({ ...body, at: ctx.now }),
  streams: (c): AccessRefs => ({ staff: staff(c.staffId) }),
  following: (_c, loaded) => accessOf(loaded.staff.state),
  decide: (c, loaded) => decider.decideGrantAccessRole(c, loaded.staff.state, loaded.access?.state),
});

export const revokeAccessRole = defineCommand({
  module: MODULE,
  name: 'revoke-access-role',
  summary: 'Revoke a role: both APIs refuse it to the subject’s tokens within seconds, whatever the token says.',
  roles: ADMINS,
  body: roleBody,
  toCommand: (body, ctx): decider.ChangeAccessRole => ({ ...body, at: ctx.now }),
  streams: (c): AccessRefs => ({ staff: staff(c.staffId) }),
  following: (_c, loaded) => accessOf(loaded.staff.state),
  decide: (c, loaded) => decider.decideRevokeAccessRole(c, loaded.staff.state, loaded.access?.state),
});

export const recordLicence = defineCommand({
  module: MODULE,
  name: 'record-licence',
  summary: 'Record a qualification or professional licence (number, issuer, validity).',
  roles: HR,
  body: z
    .strictObject({
      staffId,
      qualification: text('What it qualifies for, e.g. "Registered nurse".'),
      number: text('The licence number.', 64),
      issuer: text('Who issued it.'),
      validFrom: date('First day valid'),
      validTo: date('Last day valid'),
    })
    .refine((b) => b.validTo >= b.validFrom, { path: ['validTo'], message: 'Must not be before validFrom' }),
  toCommand: (body, ctx): decider.RecordLicence & { hospitalId: string } => ({
    ...body,
    licenceId: ctx.newId(),
    at: ctx.now,
    hospitalId: ctx.hospitalId,
  }),
  created: { licenceId: 'The licence recorded.' },
  streams: (c) => ({ staff: staff(c.staffId), register: register(c.hospitalId) }),
  decide: (c, loaded) => decider.decideRecordLicence(c, loaded.staff.state),
});

export const sweepLicences = defineCommand({
  module: MODULE,
  name: 'sweep-licences',
  summary:
    'The daily licence sweep (a CronJob): raise, once per licence, that it expires within 30 days or has expired, for the hospital’s local date. Idempotent.',
  roles: HR,
  // The day is explicit or the hospital's today at the edge's `now`: the decider never reads a clock.
  body: z.strictObject({
    asOf: date(
      'The hospital’s local day to sweep for; leave out for today in the hospital’s time zone (its settings)',
    ).optional(),
  }),
  toCommand: (body, ctx): decider.SweepLicences & { hospitalId: string } => ({
    asOf: body.asOf ?? null,
    at: ctx.now,
    hospitalId: ctx.hospitalId,
  }),
  streams: (c) => ({ register: register(c.hospitalId) }),
  // The time zone and warning window in force on the day swept (today's, when no day is given).
  settingsAt: (c) => (c.asOf === null ? c.at : middayOf(c.asOf)),
  decide: (c, loaded, settings) => decider.decideSweepLicences(c, loaded.register.state, settings),
});

export const creditLeave = defineCommand({
  module: MODULE,
  name: 'credit-leave',
  summary: 'Add days to a staff member’s leave balance of one type (the yearly entitlement, a correction).',
  roles: HR,
  body: z.strictObject({ staffId, leaveType, days: z.int().min(1).max(366).describe('Days to add.') }),
  toCommand: (body, ctx): decider.CreditLeave => ({ ...body, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideCreditLeave(c, loaded.staff.state),
});

export const requestLeave = defineCommand({
  module: MODULE,
  name: 'request-leave',
  summary: 'Ask for leave (staff for themselves; HR or a ward manager for anyone). Refused past the balance.',
  roles: STAFF,
  body: z
    .strictObject({ staffId, leaveType, from: date('First day of leave'), to: date('Last day of leave') })
    .refine((b) => b.to >= b.from, { path: ['to'], message: 'Must not be before from' })
    .refine((b) => b.to <= b.from.replace(/^\d{4}/, (y) => String(Number(y) + 1)), {
      path: ['to'],
      message: 'One request covers at most a year',
    }),
  toCommand: (body, ctx): decider.RequestLeave => ({ ...body, leaveId: ctx.newId(), sender: sender(ctx), at: ctx.now }),
  created: { leaveId: 'The leave request, for approve-leave or reject-leave.' },
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideRequestLeave(c, loaded.staff.state),
});

export const approveLeave = defineCommand({
  module: MODULE,
  name: 'approve-leave',
  summary: 'Approve a leave request (not your own); its days come off the balance, which never goes negative.',
  roles: MANAGERS,
  body: z.strictObject({ staffId, leaveId: uuid('The leave request.') }),
  toCommand: (body, ctx): decider.DecideLeave => ({ ...body, reason: '', deciderId: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideApproveLeave(c, loaded.staff.state),
});

export const rejectLeave = defineCommand({
  module: MODULE,
  name: 'reject-leave',
  summary: 'Reject a leave request (not your own), saying why.',
  roles: MANAGERS,
  body: z.strictObject({ staffId, leaveId: uuid('The leave request.'), reason }),
  toCommand: (body, ctx): decider.DecideLeave => ({ ...body, deciderId: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideRejectLeave(c, loaded.staff.state),
});

export const defineShiftType = defineCommand({
  module: MODULE,
  name: 'define-shift-type',
  summary:
    'Define a kind of shift: its local times of day, whether it is clinical, and the staff each ward needs on it.',
  roles: MANAGERS,
  body: z
    .strictObject({
      name: text('E.g. "Early", "Night".', 60),
      startTime: time('Start'),
      endTime: time('End (before the start: it ends the next day)'),
      clinical: z.boolean().describe('Staff on it must hold a licence valid on the day.'),
      requiredStaff: z.int().min(0).max(200).describe('Staff each ward needs on this shift.'),
    })
    .refine((b) => b.startTime !== b.endTime, { path: ['endTime'], message: 'Must differ from startTime' }),
  toCommand: (body, ctx): decider.DefineShiftType => ({ ...body, shiftTypeId: ctx.newId(), at: ctx.now }),
  streams: (c) => ({ shiftType: shiftType(c.shiftTypeId) }),
  decide: (c, loaded) => decider.decideDefineShiftType(c, loaded.shiftType.state),
});

export const assignShift = defineCommand({
  module: MODULE,
  name: 'assign-shift',
  summary:
    'Roster a person for a shift on a ward. Refused, naming the rule: overlap, clinical without a valid licence, approved leave, minimum rest, maximum hours in 7 days.',
  roles: MANAGERS,
  body: z.strictObject({
    staffId,
    shiftTypeId: uuid('The shift type.'),
    wardId: uuid('The ward.'),
    date: date('The day the shift starts'),
  }),
  toCommand: (body, ctx): decider.AssignShift & { hospitalId: string } => ({
    ...body,
    shiftId: ctx.newId(),
    at: ctx.now,
    hospitalId: ctx.hospitalId,
  }),
  created: { shiftId: 'The shift assignment, for cancel-shift or request-swap.' },
  // The person's stream first: it is the one two assignments race on (If-Match checks it).
  streams: (c) => ({ staff: staff(c.staffId), shiftType: shiftType(c.shiftTypeId) }),
  // Working-time limits and the time zone in force on the shift's day.
  settingsAt: (c) => middayOf(c.date),
  decide: (c, loaded, settings) => decider.decideAssignShift(c, loaded.staff.state, loaded.shiftType.state, settings),
});

export const cancelShift = defineCommand({
  module: MODULE,
  name: 'cancel-shift',
  summary: 'Take a shift off a person’s roster.',
  roles: MANAGERS,
  body: z.strictObject({ staffId, shiftId: uuid('The shift assignment.') }),
  toCommand: (body, ctx): decider.CancelShift => ({ ...body, at: ctx.now }),
  streams: (c) => ({ staff: staff(c.staffId) }),
  decide: (c, loaded) => decider.decideCancelShift(c, loaded.staff.state),
});

export const requestSwap = defineCommand({
  module: MODULE,
  name: 'request-swap',
  summary: 'Ask to swap one of your shifts for a colleague’s (a ward manager must approve).',
  roles: STAFF,
  body: z.strictObject({
    staffId,
    shiftId: uuid('Your shift you give.'),
    counterpartStaffId: uuid('The colleague.'),
    counterpartShiftId: uuid('The colleague’s shift you take.'),
  }),
  toCommand: (body, ctx): decider.RequestSwap => ({ ...body, swapId: ctx.newId(), sender: sender(ctx), at: ctx.now }),
  // The swap is the primary stream (its id is the answer's `id` too); named like the others' for clients.
  created: { swapId: 'The swap request, for approve-swap or reject-swap.' },
  streams: (c) => ({ swap: swap(c.swapId), requester: staff(c.staffId), counterpart: staff(c.counterpartStaffId) }),
  decide: (c, loaded) =>
    decider.decideRequestSwap(c, loaded.swap.state, loaded.requester.state, loaded.counterpart.state),
});

type SwapRefs = {
  swap: TypedStreamRef<SwapState>;
  requester?: TypedStreamRef<StaffState>;
  counterpart?: TypedStreamRef<StaffState>;
};

export const approveSwap = defineCommand({
  module: MODULE,
  name: 'approve-swap',
  summary: 'Approve a shift swap (not your own request): both resulting assignments must pass every roster rule.',
  roles: MANAGERS,
  body: z.strictObject({ swapId: uuid('The swap.') }),
  toCommand: (body, ctx): decider.DecideSwap & { hospitalId: string } => ({
    ...body,
    reason: '',
    deciderId: ctx.actor.id,
    at: ctx.now,
    hospitalId: ctx.hospitalId,
  }),
  streams: (c): SwapRefs => ({ swap: swap(c.swapId) }),
  // The limits in force when the manager decides (the shifts are only known once the swap is loaded).
  settingsAt: (c) => c.at,
  following: (_c, loaded) => {
    const s = loaded.swap.state;
    if (s.status === 'none') return {};
    return {
      requester: staff(s.requesterStaffId),
      counterpart: staff(s.counterpartStaffId),
    };
  },
  decide: (c, loaded, settings) =>
    decider.decideApproveSwap(
      c,
      loaded.swap.state,
      loaded.requester?.state ?? staffAggregate.initialState,
      loaded.counterpart?.state ?? staffAggregate.initialState,
      settings,
    ),
});

export const rejectSwap = defineCommand({
  module: MODULE,
  name: 'reject-swap',
  summary: 'Reject a shift swap, saying why.',
  roles: MANAGERS,
  body: z.strictObject({ swapId: uuid('The swap.'), reason }),
  toCommand: (body, ctx): decider.DecideSwap => ({ ...body, deciderId: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ swap: swap(c.swapId) }),
  decide: (c, loaded) => decider.decideRejectSwap(c, loaded.swap.state),
});

export const hrCommands = [
  onboardStaff,
  linkUser,
  grantAccessRole,
  revokeAccessRole,
  separateStaff,
  eraseStaffPersonalData,
  recordLicence,
  sweepLicences,
  creditLeave,
  requestLeave,
  approveLeave,
  rejectLeave,
  defineShiftType,
  assignShift,
  cancelShift,
  requestSwap,
  approveSwap,
  rejectSwap,
];
