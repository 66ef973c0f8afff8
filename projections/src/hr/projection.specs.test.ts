import { describeProjectionSpecs, projectionSpec, SPEC_TIME } from '../testing/projection-spec.js';
import { hrProjection } from './projection.js';
import { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS } from './views.js';

const { event, given } = projectionSpec(hrProjection);

const staff = '0193a6f0-0000-7000-8000-0000000000a1';
const other = '0193a6f0-0000-7000-8000-0000000000a2';
const licence = '0193a6f0-0000-7000-8000-0000000000b1';
const leave = '0193a6f0-0000-7000-8000-0000000000c1';
const shiftType = '0193a6f0-0000-7000-8000-0000000000d1';
const shift = '0193a6f0-0000-7000-8000-0000000000e1';
const shift2 = '0193a6f0-0000-7000-8000-0000000000e2';
const ward = '0193a6f0-0000-7000-8000-0000000000f1';
const swap = '0193a6f0-0000-7000-8000-000000000011';

const onboarded = (staffId = staff) =>
  event('StaffOnboarded', {
    staffId,
    givenName: 'Ada',
    familyName: 'Byron',
    department: 'Medicine',
    jobTitle: 'Staff nurse',
    practitionerRoles: ['nurse'],
    startDate: '2025-01-01',
    onboardedAt: SPEC_TIME,
  });
/** The staff document StaffOnboarded writes; the staff stream's revision is `position - 1` when every event was the staff stream's. */
const staffDoc = (position: number, changes: Record<string, unknown> = {}, staffId = staff) => ({
  _id: `h1:${staffId}`,
  hospitalId: 'h1',
  staffId,
  givenName: 'Ada',
  familyName: 'Byron',
  department: 'Medicine',
  jobTitle: 'Staff nurse',
  practitionerRoles: ['nurse'],
  startDate: '2025-01-01',
  status: 'active',
  separationDate: null,
  userId: null,
  accessRoles: [],
  leaveBalances: { annual: 0, sick: 0, parental: 0, study: 0, unpaid: 0 },
  erased: false,
  licenceIds: [],
  pendingLeave: {},
  position,
  revision: position - 1,
  ...changes,
});
const linked = () => event('UserLinked', { userId: 'user-ada', staffId: staff, linkedAt: SPEC_TIME });
const granted = event(
  'AccessRoleGranted',
  { userId: 'user-ada', staffId: staff, role: 'nurse', grantedAt: SPEC_TIME },
  { aggregateId: 'user-ada' },
);
const licenceRecorded = event('LicenceRecorded', {
  staffId: staff,
  licenceId: licence,
  qualification: 'Registered nurse',
  number: 'RN-1',
  issuer: 'Council',
  validFrom: '2024-01-01',
  validTo: '2025-03-20',
  recordedAt: SPEC_TIME,
});
const licenceDoc = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${licence}`,
  hospitalId: 'h1',
  licenceId: licence,
  staffId: staff,
  qualification: 'Registered nurse',
  issuer: 'Council',
  validFrom: '2024-01-01',
  validTo: '2025-03-20',
  tracked: true,
  sweepStatus: null,
  position,
  ...changes,
});
const credited = event('LeaveBalanceCredited', {
  staffId: staff,
  leaveType: 'annual',
  days: 25,
  creditedAt: SPEC_TIME,
});
const requested = event('LeaveRequested', {
  staffId: staff,
  leaveId: leave,
  leaveType: 'annual',
  from: '2025-04-01',
  to: '2025-04-03',
  days: 3,
  requestedBy: 'user-ada',
  requestedAt: SPEC_TIME,
});
const leaveDoc = (position: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${leave}`,
  hospitalId: 'h1',
  leaveId: leave,
  staffId: staff,
  leaveType: 'annual',
  from: '2025-04-01',
  to: '2025-04-03',
  days: 3,
  status: 'requested',
  requestedBy: 'user-ada',
  decidedBy: null,
  position,
  ...changes,
});
const assigned = (shiftId: string, staffId: string, swapId: string | null = null) =>
  event('ShiftAssigned', {
    staffId,
    shiftId,
    shiftTypeId: shiftType,
    wardId: ward,
    date: '2025-03-10',
    startsAt: '2025-03-10T07:00:00.000Z',
    endsAt: '2025-03-10T19:00:00.000Z',
    clinical: true,
    swapId,
    assignedAt: SPEC_TIME,
  });
const shiftDoc = (position: number, changes: Record<string, unknown> = {}, shiftId = shift) => ({
  _id: `h1:${shiftId}`,
  hospitalId: 'h1',
  shiftId,
  staffId: staff,
  shiftTypeId: shiftType,
  wardId: ward,
  date: '2025-03-10',
  startsAt: '2025-03-10T07:00:00.000Z',
  endsAt: '2025-03-10T19:00:00.000Z',
  hours: 12,
  clinical: true,
  status: 'assigned',
  swapId: null,
  position,
  ...changes,
});
const swapRequested = event(
  'ShiftSwapRequested',
  {
    swapId: swap,
    requesterStaffId: staff,
    requesterShiftId: shift,
    counterpartStaffId: other,
    counterpartShiftId: shift2,
    requestedBy: 'user-ada',
    requestedAt: SPEC_TIME,
  },
  { aggregateId: swap },
);
const swapDoc = (position: number, revision: number, changes: Record<string, unknown> = {}) => ({
  _id: `h1:${swap}`,
  hospitalId: 'h1',
  swapId: swap,
  requesterStaffId: staff,
  requesterShiftId: shift,
  counterpartStaffId: other,
  counterpartShiftId: shift2,
  status: 'requested',
  requestedBy: 'user-ada',
  decidedBy: null,
  position,
  revision,
  ...changes,
});
const tracked = event(
  'LicenceTracked',
  { staffId: staff, licenceId: licence, validTo: '2025-03-20' },
  { aggregateId: 'h1' },
);

describeProjectionSpecs(hrProjection, {
  StaffOnboarded: () => given(onboarded()).expect({ [HR_STAFF]: [staffDoc(1)] }),
  StaffSeparated: () =>
    given(
      onboarded(),
      event('StaffSeparated', {
        staffId: staff,
        separationDate: '2025-03-31',
        reason: 'retirement',
        separatedAt: SPEC_TIME,
      }),
    ).expect({ [HR_STAFF]: [staffDoc(2, { status: 'separated', separationDate: '2025-03-31' })] }),
  StaffPersonalDataErased: () =>
    given(
      onboarded(),
      event('StaffPersonalDataErased', { staffId: staff, legalBasis: 'staff_request', erasedAt: SPEC_TIME }),
    ).expect({ [HR_STAFF]: [staffDoc(2, { erased: true, givenName: '[erased]', familyName: '[erased]' })] }),
  UserLinked: () => given(onboarded(), linked()).expect({ [HR_STAFF]: [staffDoc(2, { userId: 'user-ada' })] }),
  AccessRoleGranted: () =>
    given(onboarded(), linked(), granted).expect({
      // The access stream's event is not the staff stream's: the revision stays the staff stream's.
      [HR_STAFF]: [staffDoc(3, { userId: 'user-ada', accessRoles: ['nurse'], revision: 1 })],
    }),
  AccessRoleRevoked: () =>
    given(
      onboarded(),
      granted,
      event(
        'AccessRoleRevoked',
        { userId: 'user-ada', staffId: staff, role: 'nurse', reason: 'revoked', revokedAt: SPEC_TIME },
        { aggregateId: 'user-ada' },
      ),
    ).expect({ [HR_STAFF]: [staffDoc(3, { revision: 0 })] }),
  LicenceRecorded: () =>
    given(onboarded(), licenceRecorded).expect({
      [HR_STAFF]: [staffDoc(2, { licenceIds: [licence] })],
      [HR_LICENCES]: [licenceDoc(2)],
    }),
  LicenceTracked: () =>
    given(onboarded(), licenceRecorded, tracked).expect({
      [HR_STAFF]: [staffDoc(2, { licenceIds: [licence] })],
      [HR_LICENCES]: [licenceDoc(3)],
    }),
  LicenceTrackingEnded: () =>
    given(
      onboarded(),
      licenceRecorded,
      event(
        'LicenceTrackingEnded',
        { staffId: staff, licenceIds: [licence], endedAt: SPEC_TIME },
        { aggregateId: 'h1' },
      ),
    ).expect({
      [HR_STAFF]: [staffDoc(2, { licenceIds: [licence] })],
      [HR_LICENCES]: [licenceDoc(3, { tracked: false })],
    }),
  LicenceExpiringSoon: () =>
    given(
      onboarded(),
      licenceRecorded,
      event(
        'LicenceExpiringSoon',
        { staffId: staff, licenceId: licence, validTo: '2025-03-20', asOf: '2025-03-01' },
        { aggregateId: 'h1' },
      ),
    ).expect({
      [HR_STAFF]: [staffDoc(2, { licenceIds: [licence] })],
      [HR_LICENCES]: [licenceDoc(3, { sweepStatus: 'expiring_soon' })],
    }),
  LicenceExpired: () =>
    given(
      onboarded(),
      licenceRecorded,
      event(
        'LicenceExpired',
        { staffId: staff, licenceId: licence, validTo: '2025-03-20', asOf: '2025-03-21' },
        { aggregateId: 'h1' },
      ),
    ).expect({
      [HR_STAFF]: [staffDoc(2, { licenceIds: [licence] })],
      [HR_LICENCES]: [licenceDoc(3, { sweepStatus: 'expired' })],
    }),
  LeaveBalanceCredited: () =>
    given(onboarded(), credited).expect({
      [HR_STAFF]: [staffDoc(2, { leaveBalances: { annual: 25, sick: 0, parental: 0, study: 0, unpaid: 0 } })],
    }),
  LeaveRequested: () =>
    given(onboarded(), requested).expect({
      [HR_STAFF]: [staffDoc(2, { pendingLeave: { [leave]: { leaveType: 'annual', days: 3 } } })],
      [HR_LEAVE]: [leaveDoc(2)],
    }),
  LeaveApproved: () =>
    given(
      onboarded(),
      credited,
      requested,
      event('LeaveApproved', { staffId: staff, leaveId: leave, days: 3, approvedBy: 'manager', approvedAt: SPEC_TIME }),
    ).expect({
      [HR_STAFF]: [staffDoc(4, { leaveBalances: { annual: 22, sick: 0, parental: 0, study: 0, unpaid: 0 } })],
      [HR_LEAVE]: [leaveDoc(4, { status: 'approved', decidedBy: 'manager' })],
    }),
  LeaveRejected: () =>
    given(
      onboarded(),
      requested,
      event('LeaveRejected', {
        staffId: staff,
        leaveId: leave,
        rejectedBy: 'manager',
        reason: 'Busy',
        rejectedAt: SPEC_TIME,
      }),
    ).expect({
      [HR_STAFF]: [staffDoc(3)],
      [HR_LEAVE]: [leaveDoc(3, { status: 'rejected', decidedBy: 'manager' })],
    }),
  ShiftTypeDefined: () =>
    given(
      event('ShiftTypeDefined', {
        shiftTypeId: shiftType,
        name: 'Day',
        startTime: '07:00',
        endTime: '19:00',
        clinical: true,
        requiredStaff: 2,
        definedAt: SPEC_TIME,
      }),
    ).expect({
      [HR_SHIFT_TYPES]: [
        {
          _id: `h1:${shiftType}`,
          hospitalId: 'h1',
          shiftTypeId: shiftType,
          name: 'Day',
          startTime: '07:00',
          endTime: '19:00',
          clinical: true,
          requiredStaff: 2,
          position: 1,
          revision: 0,
        },
      ],
    }),
  ShiftAssigned: () =>
    given(onboarded(), assigned(shift, staff)).expect({ [HR_STAFF]: [staffDoc(2)], [HR_SHIFTS]: [shiftDoc(2)] }),
  ShiftUnassigned: () =>
    given(
      assigned(shift, staff),
      event('ShiftUnassigned', { staffId: staff, shiftId: shift, reason: 'cancelled', unassignedAt: SPEC_TIME }),
      assigned(shift2, staff),
      event('ShiftUnassigned', { staffId: staff, shiftId: shift2, reason: 'swapped', unassignedAt: SPEC_TIME }),
    ).expect({
      // A swapped shift is moved by its ShiftAssigned, not ended.
      [HR_SHIFTS]: [shiftDoc(2, { status: 'cancelled' }), shiftDoc(3, {}, shift2)],
    }),
  ShiftSwapRequested: () => given(swapRequested).expect({ [HR_SWAPS]: [swapDoc(1, 0)] }),
  ShiftSwapApproved: () =>
    given(
      assigned(shift, staff),
      assigned(shift2, other),
      swapRequested,
      event('ShiftSwapApproved', { swapId: swap, approvedBy: 'manager', approvedAt: SPEC_TIME }, { aggregateId: swap }),
      event('ShiftUnassigned', { staffId: staff, shiftId: shift, reason: 'swapped', unassignedAt: SPEC_TIME }),
      assigned(shift2, staff, swap),
      event('ShiftUnassigned', { staffId: other, shiftId: shift2, reason: 'swapped', unassignedAt: SPEC_TIME }),
      assigned(shift, other, swap),
    ).expect({
      [HR_SWAPS]: [swapDoc(4, 1, { status: 'approved', decidedBy: 'manager' })],
      [HR_SHIFTS]: [
        shiftDoc(8, { staffId: other, swapId: swap }),
        shiftDoc(6, { staffId: staff, swapId: swap }, shift2),
      ],
    }),
  ShiftSwapRejected: () =>
    given(
      swapRequested,
      event(
        'ShiftSwapRejected',
        { swapId: swap, rejectedBy: 'manager', reason: 'Busy', rejectedAt: SPEC_TIME },
        { aggregateId: swap },
      ),
    ).expect({ [HR_SWAPS]: [swapDoc(2, 1, { status: 'rejected', decidedBy: 'manager' })] }),
});
