import type { Aggregate } from '../shared/command-spec.js';
import type { HrEvent } from './staff.js';

/**
 * The access grants of one identity-provider subject in one hospital: `staffAccess-<h>.<userId>`.
 * The APIs fold the same stream (kernel `accessGrantsFrom`) to narrow the subject's tokens.
 */
export interface AccessState {
  readonly staffId: string | null;
  readonly roles: readonly string[];
  readonly ended: boolean;
}

export const staffAccessAggregate: Aggregate<AccessState, HrEvent> = {
  name: 'staffAccess',
  initialState: { staffId: null, roles: [], ended: false },
  evolve(state, event) {
    switch (event.type) {
      case 'AccessSubjectLinked':
        return { ...state, staffId: event.data.staffId };
      case 'AccessRoleGranted':
        return { ...state, roles: [...state.roles.filter((r) => r !== event.data.role), event.data.role] };
      case 'AccessRoleRevoked':
        return {
          ...state,
          roles: state.roles.filter((r) => r !== event.data.role),
          ended: state.ended || event.data.reason === 'separation',
        };
      default:
        return state;
    }
  },
};

export interface ShiftTypeState {
  readonly defined: boolean;
  readonly name: string;
  readonly startTime: string;
  readonly endTime: string;
  readonly clinical: boolean;
  readonly requiredStaff: number;
}

/** `shiftType-<h>.<shiftTypeId>`. */
export const shiftTypeAggregate: Aggregate<ShiftTypeState, HrEvent> = {
  name: 'shiftType',
  initialState: { defined: false, name: '', startTime: '00:00', endTime: '00:00', clinical: false, requiredStaff: 0 },
  evolve: (state, event) => {
    if (event.type !== 'ShiftTypeDefined') return state;
    const { name, startTime, endTime, clinical, requiredStaff } = event.data;
    return { defined: true, name, startTime, endTime, clinical, requiredStaff };
  },
};

export interface SwapState {
  readonly status: 'none' | 'requested' | 'approved' | 'rejected';
  readonly requesterStaffId: string;
  readonly requesterShiftId: string;
  readonly counterpartStaffId: string;
  readonly counterpartShiftId: string;
  readonly requestedBy: string;
}

/** `shiftSwap-<h>.<swapId>`. */
export const shiftSwapAggregate: Aggregate<SwapState, HrEvent> = {
  name: 'shiftSwap',
  initialState: {
    status: 'none',
    requesterStaffId: '',
    requesterShiftId: '',
    counterpartStaffId: '',
    counterpartShiftId: '',
    requestedBy: '',
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ShiftSwapRequested': {
        const { requesterStaffId, requesterShiftId, counterpartStaffId, counterpartShiftId, requestedBy } = event.data;
        return {
          status: 'requested',
          requesterStaffId,
          requesterShiftId,
          counterpartStaffId,
          counterpartShiftId,
          requestedBy,
        };
      }
      case 'ShiftSwapApproved':
        return { ...state, status: 'approved' };
      case 'ShiftSwapRejected':
        return { ...state, status: 'rejected' };
      default:
        return state;
    }
  },
};

export interface TrackedLicence {
  readonly staffId: string;
  readonly licenceId: string;
  readonly validTo: string;
  readonly warned: boolean;
  readonly expired: boolean;
}

/**
 * The hospital's licence register, `licenceRegister-<h>.<hospitalId>`: every licence the sweep
 * watches and what it has already raised, so a second sweep of the same day raises nothing.
 */
export interface LicenceRegisterState {
  readonly licences: readonly TrackedLicence[];
}

const mark = (
  state: LicenceRegisterState,
  licenceId: string,
  change: Partial<TrackedLicence>,
): LicenceRegisterState => ({
  licences: state.licences.map((l) => (l.licenceId === licenceId ? { ...l, ...change } : l)),
});

export const licenceRegisterAggregate: Aggregate<LicenceRegisterState, HrEvent> = {
  name: 'licenceRegister',
  initialState: { licences: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'LicenceTracked': {
        const { staffId, licenceId, validTo } = event.data;
        return { licences: [...state.licences, { staffId, licenceId, validTo, warned: false, expired: false }] };
      }
      case 'LicenceTrackingEnded':
        return { licences: state.licences.filter((l) => l.staffId !== event.data.staffId) };
      case 'LicenceExpiringSoon':
        return mark(state, event.data.licenceId, { warned: true });
      case 'LicenceExpired':
        return mark(state, event.data.licenceId, { warned: true, expired: true });
      default:
        return state;
    }
  },
};
