import { AccessRoleGranted } from './access-role-granted.js';
import { AccessRoleRevoked } from './access-role-revoked.js';
import { AccessSubjectLinked } from './access-subject-linked.js';
import { LeaveApproved } from './leave-approved.js';
import { LeaveBalanceCredited } from './leave-balance-credited.js';
import { LeaveRejected } from './leave-rejected.js';
import { LeaveRequested } from './leave-requested.js';
import { LicenceExpired } from './licence-expired.js';
import { LicenceExpiringSoon } from './licence-expiring-soon.js';
import { LicenceRecorded } from './licence-recorded.js';
import { LicenceTracked } from './licence-tracked.js';
import { LicenceTrackingEnded } from './licence-tracking-ended.js';
import { ShiftAssigned } from './shift-assigned.js';
import { ShiftSwapApproved } from './shift-swap-approved.js';
import { ShiftSwapRejected } from './shift-swap-rejected.js';
import { ShiftSwapRequested } from './shift-swap-requested.js';
import { ShiftTypeDefined } from './shift-type-defined.js';
import { ShiftUnassigned } from './shift-unassigned.js';
import { StaffOnboarded } from './staff-onboarded.js';
import { StaffPersonalDataErased } from './staff-personal-data-erased.js';
import { StaffSeparated } from './staff-separated.js';
import { UserLinked } from './user-linked.js';

export {
  AccessRoleGranted,
  AccessRoleRevoked,
  AccessSubjectLinked,
  LeaveApproved,
  LeaveBalanceCredited,
  LeaveRejected,
  LeaveRequested,
  LicenceExpired,
  LicenceExpiringSoon,
  LicenceRecorded,
  LicenceTracked,
  LicenceTrackingEnded,
  ShiftAssigned,
  ShiftSwapApproved,
  ShiftSwapRejected,
  ShiftSwapRequested,
  ShiftTypeDefined,
  ShiftUnassigned,
  StaffOnboarded,
  StaffPersonalDataErased,
  StaffSeparated,
  UserLinked,
};

/** The hr module's event definitions. */
export const hrEvents = [
  StaffOnboarded,
  StaffSeparated,
  StaffPersonalDataErased,
  LicenceRecorded,
  LeaveBalanceCredited,
  LeaveRequested,
  LeaveApproved,
  LeaveRejected,
  ShiftAssigned,
  ShiftUnassigned,
  UserLinked,
  AccessSubjectLinked,
  AccessRoleGranted,
  AccessRoleRevoked,
  ShiftTypeDefined,
  ShiftSwapRequested,
  ShiftSwapApproved,
  ShiftSwapRejected,
  LicenceTracked,
  LicenceTrackingEnded,
  LicenceExpiringSoon,
  LicenceExpired,
] as const;
