import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

/**
 * The hr module's read models, as its projection writes them and its read routes read them: one
 * document per staff member, shift assignment, shift type, licence, leave request and swap.
 * Coverage and hours are not stored: the read API counts shifts at query time with indexes, so
 * they can never drift from the roster.
 */
export const HR_VIEWS = {
  staff: 'hr_staff',
  shifts: 'hr_shifts',
  shiftTypes: 'hr_shift_types',
  licences: 'hr_licences',
  leave: 'hr_leave',
  swaps: 'hr_swaps',
} as const;
export const HR_STAFF = HR_VIEWS.staff;
export const HR_SHIFTS = HR_VIEWS.shifts;
export const HR_SHIFT_TYPES = HR_VIEWS.shiftTypes;
export const HR_LICENCES = HR_VIEWS.licences;
export const HR_LEAVE = HR_VIEWS.leave;
export const HR_SWAPS = HR_VIEWS.swaps;

export const HR_LEAVE_TYPES = ['annual', 'sick', 'parental', 'study', 'unpaid'] as const;
export type HrLeaveType = (typeof HR_LEAVE_TYPES)[number];

/** `revision`: the staff stream's. Personal fields read `[erased]` after erasure; the directory leaves erased staff out. */
export interface StaffDocument extends ReadModelDocument, RevisionedDocument {
  readonly staffId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly department: string;
  readonly jobTitle: string;
  readonly practitionerRoles: readonly string[];
  readonly startDate: string;
  readonly status: 'active' | 'separated';
  readonly separationDate: string | null;
  readonly userId: string | null;
  readonly accessRoles: readonly string[];
  readonly leaveBalances: Readonly<Record<HrLeaveType, number>>;
  readonly erased: boolean;
  /** The licences recorded for the person. */
  readonly licenceIds: readonly string[];
  /**
   * Leave requested and not yet decided, by leave id: its type and days (what a balance is about to
   * lose; also where an approval finds the type whose balance it lowers).
   */
  readonly pendingLeave: Readonly<Record<string, { readonly leaveType: HrLeaveType; readonly days: number }>>;
}

/** One shift assignment; a swap moves it to its new holder (`staffId`), a cancellation or separation ends it. */
export interface ShiftDocument extends ReadModelDocument {
  readonly shiftId: string;
  readonly staffId: string;
  readonly shiftTypeId: string;
  readonly wardId: string;
  readonly date: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly hours: number;
  readonly clinical: boolean;
  readonly status: 'assigned' | 'cancelled' | 'separation';
  readonly swapId: string | null;
}

export interface ShiftTypeDocument extends ReadModelDocument, RevisionedDocument {
  readonly shiftTypeId: string;
  readonly name: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly clinical: boolean;
  readonly requiredStaff: number;
}

/** A licence; `tracked` turns false when its holder leaves (they drop out of the expiry lists). */
export interface LicenceDocument extends ReadModelDocument {
  readonly licenceId: string;
  readonly staffId: string;
  readonly qualification: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly tracked: boolean;
  /** What the licence sweep last raised: null, `expiring_soon` or `expired`. */
  readonly sweepStatus: 'expiring_soon' | 'expired' | null;
}

export interface LeaveDocument extends ReadModelDocument {
  readonly leaveId: string;
  readonly staffId: string;
  readonly leaveType: HrLeaveType;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly status: 'requested' | 'approved' | 'rejected';
  readonly requestedBy: string;
  readonly decidedBy: string | null;
}

export interface SwapDocument extends ReadModelDocument, RevisionedDocument {
  readonly swapId: string;
  readonly requesterStaffId: string;
  readonly requesterShiftId: string;
  readonly counterpartStaffId: string;
  readonly counterpartShiftId: string;
  readonly status: 'requested' | 'approved' | 'rejected';
  readonly requestedBy: string;
  readonly decidedBy: string | null;
}
