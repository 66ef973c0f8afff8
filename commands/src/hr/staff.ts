import type { DomainEventOf, moduleEvents } from '@chartline/events';
import type { Aggregate } from '../shared/command-spec.js';

/** Every event of the hr module, as deciders see them. */
export type HrEvent = DomainEventOf<(typeof moduleEvents.hr)[number]>;

export const LEAVE_TYPES = ['annual', 'sick', 'parental', 'study', 'unpaid'] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

export interface RosteredShift {
  readonly shiftId: string;
  readonly shiftTypeId: string;
  readonly wardId: string;
  readonly date: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly clinical: boolean;
}

export interface Licence {
  readonly licenceId: string;
  readonly validFrom: string;
  readonly validTo: string;
}

export interface Leave {
  readonly leaveId: string;
  readonly leaveType: LeaveType;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly requestedBy: string;
  readonly status: 'requested' | 'approved' | 'rejected';
}

/**
 * One staff member's record, the consistency boundary of everything the roster rules read: their
 * shifts, licences and leave live in one stream, so two concurrent assignments for one person
 * race on its revision and the loser is decided again against the winner's shift.
 */
export interface StaffState {
  readonly status: 'none' | 'active' | 'separated';
  readonly erased: boolean;
  readonly userId: string | null;
  readonly separationDate: string | null;
  readonly shifts: readonly RosteredShift[];
  readonly licences: readonly Licence[];
  readonly leave: readonly Leave[];
  readonly balances: Readonly<Record<LeaveType, number>>;
}

export const NO_STAFF: StaffState = {
  status: 'none',
  erased: false,
  userId: null,
  separationDate: null,
  shifts: [],
  licences: [],
  leave: [],
  balances: { annual: 0, sick: 0, parental: 0, study: 0, unpaid: 0 },
};

const withLeave = (state: StaffState, leaveId: string, change: Partial<Leave>): StaffState => ({
  ...state,
  leave: state.leave.map((l) => (l.leaveId === leaveId ? { ...l, ...change } : l)),
});

/** `staff-<hospitalId>.<staffId>`. */
export const staffAggregate: Aggregate<StaffState, HrEvent> = {
  name: 'staff',
  initialState: NO_STAFF,
  evolve(state, event) {
    switch (event.type) {
      case 'StaffOnboarded':
        return { ...state, status: 'active' };
      case 'StaffSeparated':
        return { ...state, status: 'separated', separationDate: event.data.separationDate };
      case 'StaffPersonalDataErased':
        return { ...state, erased: true };
      case 'UserLinked':
        return { ...state, userId: event.data.userId };
      case 'LicenceRecorded': {
        const { licenceId, validFrom, validTo } = event.data;
        return { ...state, licences: [...state.licences, { licenceId, validFrom, validTo }] };
      }
      case 'LeaveBalanceCredited': {
        const type = event.data.leaveType;
        return { ...state, balances: { ...state.balances, [type]: state.balances[type] + event.data.days } };
      }
      case 'LeaveRequested': {
        const { leaveId, leaveType, from, to, days, requestedBy } = event.data;
        return {
          ...state,
          leave: [...state.leave, { leaveId, leaveType, from, to, days, requestedBy, status: 'requested' }],
        };
      }
      case 'LeaveApproved': {
        const leave = state.leave.find((l) => l.leaveId === event.data.leaveId);
        const approved = withLeave(state, event.data.leaveId, { status: 'approved' });
        if (!leave) return approved;
        const type = leave.leaveType;
        return { ...approved, balances: { ...state.balances, [type]: state.balances[type] - event.data.days } };
      }
      case 'LeaveRejected':
        return withLeave(state, event.data.leaveId, { status: 'rejected' });
      case 'ShiftAssigned': {
        const { shiftId, shiftTypeId, wardId, date, startsAt, endsAt, clinical } = event.data;
        return {
          ...state,
          shifts: [...state.shifts, { shiftId, shiftTypeId, wardId, date, startsAt, endsAt, clinical }],
        };
      }
      case 'ShiftUnassigned':
        return { ...state, shifts: state.shifts.filter((s) => s.shiftId !== event.data.shiftId) };
      default:
        return state;
    }
  },
};
