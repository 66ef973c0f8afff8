import type { AccessState, LicenceRegisterState, ShiftTypeState, SwapState } from './aggregates.js';
import { addDays, DAY_MS, dayStart, daysInclusive, localDate, shiftInstants } from './dates.js';
import { checkRosterRules, type WorkingTimeLimits } from './roster-rules.js';
import { violate } from './rules.js';
import type { HrEvent, LeaveType, RosteredShift, StaffState } from './staff.js';

/**
 * The hr module's deciders: pure, no clock (the edge puts the time in each command as `at`), no
 * I/O. Each returns the events per stream key of its command spec.
 */

type Events = HrEvent[];
/** What the roster rules read of the hospital's settings in force (`settingsAt`). */
export interface RosterSettings extends WorkingTimeLimits {
  readonly timeZone: string;
}
/** Who sends the command: self-service rules compare the token subject with the staff record's. */
export interface Sender {
  readonly actorId: string;
  /** Whether the sender acts for others (HR, a ward manager) rather than only for themselves. */
  readonly actsForOthers: boolean;
}

const existing = (staff: StaffState): StaffState => (staff.status === 'none' ? violate('staff-not-found') : staff);
const active = (staff: StaffState): StaffState =>
  existing(staff).status === 'separated' ? violate('staff-separated') : staff;
const ownRecord = (staff: StaffState, sender: Sender) => {
  if (!sender.actsForOthers && staff.userId !== sender.actorId) violate('not-your-own-record');
};

export interface OnboardStaff {
  readonly staffId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly practitionerRoles: readonly (
    | 'physician'
    | 'nurse'
    | 'midwife'
    | 'lab_technician'
    | 'pharmacist'
    | 'therapist'
    | 'radiographer'
    | 'care_assistant'
    | 'administrative'
    | 'other'
  )[];
  readonly startDate: string;
  readonly leaveBalances: Readonly<Partial<Record<LeaveType, number>>>;
  readonly at: string;
}

export function decideOnboardStaff(c: OnboardStaff, staff: StaffState): { staff: Events } {
  if (staff.status !== 'none') violate('staff-already-onboarded');
  const { staffId, givenName, familyName, department, jobTitle, startDate } = c;
  const credits: Events = Object.entries(c.leaveBalances)
    .filter(([, days]) => (days ?? 0) > 0)
    .map(([leaveType, days]) => ({
      type: 'LeaveBalanceCredited',
      data: { staffId, leaveType: leaveType as LeaveType, days: days ?? 0, creditedAt: c.at },
    }));
  return {
    staff: [
      {
        type: 'StaffOnboarded',
        data: {
          staffId,
          givenName,
          familyName,
          department,
          jobTitle,
          practitionerRoles: [...c.practitionerRoles],
          startDate,
          onboardedAt: c.at,
        },
      },
      ...credits,
    ],
  };
}

export interface SeparateStaff {
  readonly staffId: string;
  readonly separationDate: string;
  readonly reason: 'resignation' | 'retirement' | 'dismissal' | 'end_of_contract' | 'death' | 'other';
  readonly at: string;
}

/** Separation ends the shifts starting after the last working day and every access role, at once. */
export function decideSeparateStaff(
  c: SeparateStaff,
  staff: StaffState,
  access: AccessState | undefined,
): { staff: Events; access: Events; register: Events } {
  active(staff);
  const { staffId, at } = c;
  const firstDayGone = new Date(dayStart(c.separationDate) + DAY_MS).toISOString();
  const ended: Events = staff.shifts
    .filter((s) => s.startsAt >= firstDayGone)
    .map((s) => ({
      type: 'ShiftUnassigned',
      data: { staffId, shiftId: s.shiftId, reason: 'separation', unassignedAt: at },
    }));
  const userId = staff.userId;
  const revoked: Events =
    userId === null || access === undefined
      ? []
      : access.roles.map((role) => ({
          type: 'AccessRoleRevoked',
          data: { userId, staffId, role, reason: 'separation', revokedAt: at },
        }));
  return {
    staff: [
      {
        type: 'StaffSeparated',
        data: { staffId, separationDate: c.separationDate, reason: c.reason, separatedAt: at },
      },
      ...ended,
    ],
    access: revoked,
    register:
      staff.licences.length > 0
        ? [
            {
              type: 'LicenceTrackingEnded',
              data: { staffId, licenceIds: staff.licences.map((l) => l.licenceId), endedAt: at },
            },
          ]
        : [],
  };
}

export interface EraseStaffPersonalData {
  readonly staffId: string;
  readonly legalBasis: 'staff_request' | 'retention_expired' | 'court_order';
  readonly at: string;
}

export function decideEraseStaffPersonalData(c: EraseStaffPersonalData, staff: StaffState): { staff: Events } {
  if (existing(staff).status !== 'separated') violate('staff-not-separated');
  if (staff.erased) violate('staff-already-erased');
  return {
    staff: [
      { type: 'StaffPersonalDataErased', data: { staffId: c.staffId, legalBasis: c.legalBasis, erasedAt: c.at } },
    ],
  };
}

export interface LinkUser {
  readonly staffId: string;
  readonly userId: string;
  readonly at: string;
}

export function decideLinkUser(c: LinkUser, staff: StaffState, access: AccessState): { staff: Events; access: Events } {
  active(staff);
  if (staff.userId === c.userId && access.staffId === c.staffId) return { staff: [], access: [] };
  if (staff.userId !== null || access.staffId !== null) violate('user-already-linked');
  const data = { userId: c.userId, staffId: c.staffId, linkedAt: c.at };
  return { staff: [{ type: 'UserLinked', data }], access: [{ type: 'AccessSubjectLinked', data }] };
}

export interface ChangeAccessRole {
  readonly staffId: string;
  readonly role: string;
  readonly at: string;
}

export function decideGrantAccessRole(
  c: ChangeAccessRole,
  staff: StaffState,
  access: AccessState | undefined,
): { access: Events } {
  active(staff);
  if (staff.userId === null || access === undefined) return violate('staff-not-linked');
  if (access.roles.includes(c.role)) violate('role-already-granted', { role: c.role });
  return {
    access: [
      { type: 'AccessRoleGranted', data: { userId: staff.userId, staffId: c.staffId, role: c.role, grantedAt: c.at } },
    ],
  };
}

export function decideRevokeAccessRole(
  c: ChangeAccessRole,
  staff: StaffState,
  access: AccessState | undefined,
): { access: Events } {
  existing(staff);
  if (staff.userId === null || access === undefined || !access.roles.includes(c.role))
    return violate('role-not-granted', { role: c.role });
  return {
    access: [
      {
        type: 'AccessRoleRevoked',
        data: { userId: staff.userId, staffId: c.staffId, role: c.role, reason: 'revoked', revokedAt: c.at },
      },
    ],
  };
}

export interface RecordLicence {
  readonly staffId: string;
  readonly licenceId: string;
  readonly qualification: string;
  readonly number: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly at: string;
}

export function decideRecordLicence(c: RecordLicence, staff: StaffState): { staff: Events; register: Events } {
  active(staff);
  const { staffId, licenceId, qualification, number, issuer, validFrom, validTo } = c;
  return {
    staff: [
      {
        type: 'LicenceRecorded',
        data: { staffId, licenceId, qualification, number, issuer, validFrom, validTo, recordedAt: c.at },
      },
    ],
    register: [{ type: 'LicenceTracked', data: { staffId, licenceId, validTo } }],
  };
}

export interface SweepLicences {
  /** The hospital's local day the sweep runs for, YYYY-MM-DD; null: the local date at `at`. */
  readonly asOf: string | null;
  /** When the sweep was sent (the edge's clock). */
  readonly at: string;
}

/** What the sweep reads of the hospital's settings in force: its time zone and warning window. */
export interface LicenceSweepSettings {
  readonly timeZone: string;
  readonly licenceExpiryWarningDays: number;
}

/** Days ahead a licence counts as expiring soon, unless the hospital's settings say otherwise. */
export const EXPIRY_WINDOW_DAYS = 30;

/**
 * Raises, once per licence, that it entered the warning window (its last valid day is at most
 * `licenceExpiryWarningDays` after the day swept) and that it expired (its last valid day is
 * before the day swept). The day is the hospital's: a licence valid "to 20 March" is valid all
 * of 20 March where the hospital is, so without an explicit `asOf` the day is the local date at
 * `at` in the hospital's time zone, never the UTC date. Idempotent: the register remembers what
 * it raised, so a repeat of the day's sweep, or a late one, adds nothing.
 */
export function decideSweepLicences(
  c: SweepLicences,
  register: LicenceRegisterState,
  settings: LicenceSweepSettings = { timeZone: 'UTC', licenceExpiryWarningDays: EXPIRY_WINDOW_DAYS },
): { register: Events } {
  const asOf = c.asOf ?? localDate(c.at, settings.timeZone);
  const horizon = addDays(asOf, settings.licenceExpiryWarningDays);
  const events: Events = [];
  for (const l of register.licences) {
    const data = { staffId: l.staffId, licenceId: l.licenceId, validTo: l.validTo, asOf };
    if (l.validTo < asOf) {
      if (!l.expired) events.push({ type: 'LicenceExpired', data });
    } else if (l.validTo <= horizon && !l.warned) events.push({ type: 'LicenceExpiringSoon', data });
  }
  return { register: events };
}

export interface CreditLeave {
  readonly staffId: string;
  readonly leaveType: LeaveType;
  readonly days: number;
  readonly at: string;
}

export function decideCreditLeave(c: CreditLeave, staff: StaffState): { staff: Events } {
  active(staff);
  return {
    staff: [
      {
        type: 'LeaveBalanceCredited',
        data: { staffId: c.staffId, leaveType: c.leaveType, days: c.days, creditedAt: c.at },
      },
    ],
  };
}

export interface RequestLeave {
  readonly staffId: string;
  readonly leaveId: string;
  readonly leaveType: LeaveType;
  readonly from: string;
  readonly to: string;
  readonly sender: Sender;
  readonly at: string;
}

/** Days of a type already promised: the balance minus what pending requests would take. */
const available = (staff: StaffState, type: LeaveType) =>
  staff.balances[type] -
  staff.leave.filter((l) => l.leaveType === type && l.status === 'requested').reduce((n, l) => n + l.days, 0);

export function decideRequestLeave(c: RequestLeave, staff: StaffState): { staff: Events } {
  active(staff);
  ownRecord(staff, c.sender);
  const clash = staff.leave.find((l) => l.status !== 'rejected' && l.from <= c.to && c.from <= l.to);
  if (clash) violate('leave-overlaps', { leaveId: clash.leaveId });
  const days = daysInclusive(c.from, c.to);
  if (available(staff, c.leaveType) - days < 0)
    violate('leave-balance-insufficient', { leaveType: c.leaveType, available: available(staff, c.leaveType), days });
  const { staffId, leaveId, leaveType, from, to } = c;
  return {
    staff: [
      {
        type: 'LeaveRequested',
        data: { staffId, leaveId, leaveType, from, to, days, requestedBy: c.sender.actorId, requestedAt: c.at },
      },
    ],
  };
}

export interface DecideLeave {
  readonly staffId: string;
  readonly leaveId: string;
  readonly reason: string;
  readonly deciderId: string;
  readonly at: string;
}

const pendingLeave = (staff: StaffState, c: DecideLeave) => {
  const leave = existing(staff).leave.find((l) => l.leaveId === c.leaveId) ?? violate('leave-not-found');
  if (leave.status !== 'requested') violate('leave-not-pending', { status: leave.status });
  if (leave.requestedBy === c.deciderId) violate('approver-is-requester');
  return leave;
};

export function decideApproveLeave(c: DecideLeave, staff: StaffState): { staff: Events } {
  const leave = pendingLeave(staff, c);
  if (staff.balances[leave.leaveType] - leave.days < 0)
    violate('leave-balance-insufficient', {
      leaveType: leave.leaveType,
      available: staff.balances[leave.leaveType],
      days: leave.days,
    });
  const rostered = staff.shifts.find((s) => leave.from <= s.date && s.date <= leave.to);
  if (rostered) violate('rostered-during-leave', { shiftId: rostered.shiftId });
  return {
    staff: [
      {
        type: 'LeaveApproved',
        data: { staffId: c.staffId, leaveId: c.leaveId, days: leave.days, approvedBy: c.deciderId, approvedAt: c.at },
      },
    ],
  };
}

export function decideRejectLeave(c: DecideLeave, staff: StaffState): { staff: Events } {
  pendingLeave(staff, c);
  return {
    staff: [
      {
        type: 'LeaveRejected',
        data: { staffId: c.staffId, leaveId: c.leaveId, rejectedBy: c.deciderId, reason: c.reason, rejectedAt: c.at },
      },
    ],
  };
}

export interface DefineShiftType {
  readonly shiftTypeId: string;
  readonly name: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly clinical: boolean;
  readonly requiredStaff: number;
  readonly at: string;
}

export function decideDefineShiftType(c: DefineShiftType, shiftType: ShiftTypeState): { shiftType: Events } {
  if (shiftType.defined) violate('shift-type-already-defined');
  const { shiftTypeId, name, startTime, endTime, clinical, requiredStaff } = c;
  return {
    shiftType: [
      {
        type: 'ShiftTypeDefined',
        data: { shiftTypeId, name, startTime, endTime, clinical, requiredStaff, definedAt: c.at },
      },
    ],
  };
}

export interface AssignShift {
  readonly staffId: string;
  readonly shiftId: string;
  readonly shiftTypeId: string;
  readonly wardId: string;
  readonly date: string;
  readonly at: string;
}

export function decideAssignShift(
  c: AssignShift,
  staff: StaffState,
  shiftType: ShiftTypeState,
  settings: RosterSettings,
): { staff: Events } {
  if (!shiftType.defined) violate('shift-type-not-found');
  active(staff);
  const shift: RosteredShift = {
    shiftId: c.shiftId,
    shiftTypeId: c.shiftTypeId,
    wardId: c.wardId,
    date: c.date,
    clinical: shiftType.clinical,
    ...shiftInstants(c.date, shiftType.startTime, shiftType.endTime, settings.timeZone),
  };
  checkRosterRules(staff, shift, settings);
  return { staff: [{ type: 'ShiftAssigned', data: { staffId: c.staffId, ...shift, swapId: null, assignedAt: c.at } }] };
}

export interface CancelShift {
  readonly staffId: string;
  readonly shiftId: string;
  readonly at: string;
}

export function decideCancelShift(c: CancelShift, staff: StaffState): { staff: Events } {
  if (!existing(staff).shifts.some((s) => s.shiftId === c.shiftId)) violate('shift-not-found', { shiftId: c.shiftId });
  return {
    staff: [
      {
        type: 'ShiftUnassigned',
        data: { staffId: c.staffId, shiftId: c.shiftId, reason: 'cancelled', unassignedAt: c.at },
      },
    ],
  };
}

export interface RequestSwap {
  readonly swapId: string;
  readonly staffId: string;
  readonly shiftId: string;
  readonly counterpartStaffId: string;
  readonly counterpartShiftId: string;
  readonly sender: Sender;
  readonly at: string;
}

const shiftOf = (staff: StaffState, shiftId: string, staffId: string) =>
  staff.shifts.find((s) => s.shiftId === shiftId) ?? violate('shift-not-found', { staffId, shiftId });

export function decideRequestSwap(
  c: RequestSwap,
  swap: SwapState,
  requester: StaffState,
  counterpart: StaffState,
): { swap: Events } {
  if (c.staffId === c.counterpartStaffId) violate('swap-with-self');
  active(requester);
  ownRecord(requester, c.sender);
  active(counterpart);
  shiftOf(requester, c.shiftId, c.staffId);
  shiftOf(counterpart, c.counterpartShiftId, c.counterpartStaffId);
  if (swap.status !== 'none') violate('swap-not-pending');
  return {
    swap: [
      {
        type: 'ShiftSwapRequested',
        data: {
          swapId: c.swapId,
          requesterStaffId: c.staffId,
          requesterShiftId: c.shiftId,
          counterpartStaffId: c.counterpartStaffId,
          counterpartShiftId: c.counterpartShiftId,
          requestedBy: c.sender.actorId,
          requestedAt: c.at,
        },
      },
    ],
  };
}

export interface DecideSwap {
  readonly swapId: string;
  readonly reason: string;
  readonly deciderId: string;
  readonly at: string;
}

const pendingSwap = (swap: SwapState, deciderId: string) => {
  if (swap.status === 'none') violate('swap-not-found');
  if (swap.status !== 'requested') violate('swap-not-pending', { status: swap.status });
  if (swap.requestedBy === deciderId) violate('approver-is-requester');
};

/**
 * Both people end up with the other's shift: each result must pass every roster rule for its new
 * holder (overlap, licence, leave, rest, hours), checked against the shifts they keep.
 */
export function decideApproveSwap(
  c: DecideSwap,
  swap: SwapState,
  requester: StaffState,
  counterpart: StaffState,
  settings: RosterSettings,
): { swap: Events; requester: Events; counterpart: Events } {
  pendingSwap(swap, c.deciderId);
  active(requester);
  active(counterpart);
  const given = shiftOf(requester, swap.requesterShiftId, swap.requesterStaffId);
  const taken = shiftOf(counterpart, swap.counterpartShiftId, swap.counterpartStaffId);
  const keptByRequester = requester.shifts.filter((s) => s.shiftId !== given.shiftId);
  const keptByCounterpart = counterpart.shifts.filter((s) => s.shiftId !== taken.shiftId);
  checkRosterRules(requester, taken, settings, keptByRequester, { staffId: swap.requesterStaffId });
  checkRosterRules(counterpart, given, settings, keptByCounterpart, {
    staffId: swap.counterpartStaffId,
  });
  const move = (staffId: string, gives: RosteredShift, gets: RosteredShift): Events => [
    { type: 'ShiftUnassigned', data: { staffId, shiftId: gives.shiftId, reason: 'swapped', unassignedAt: c.at } },
    { type: 'ShiftAssigned', data: { staffId, ...gets, swapId: c.swapId, assignedAt: c.at } },
  ];
  return {
    swap: [{ type: 'ShiftSwapApproved', data: { swapId: c.swapId, approvedBy: c.deciderId, approvedAt: c.at } }],
    requester: move(swap.requesterStaffId, given, taken),
    counterpart: move(swap.counterpartStaffId, taken, given),
  };
}

export function decideRejectSwap(c: DecideSwap, swap: SwapState): { swap: Events } {
  pendingSwap(swap, c.deciderId);
  return {
    swap: [
      {
        type: 'ShiftSwapRejected',
        data: { swapId: c.swapId, rejectedBy: c.deciderId, reason: c.reason, rejectedAt: c.at },
      },
    ],
  };
}
