import { RuleViolation } from '../shared/decider.js';

/**
 * Every rule an hr command can break: the stable code the API returns (409, or 404 for
 * `-not-found`) with `/problems/<rule>`, and what it means and what to do about it.
 */
export const HR_RULES = {
  'staff-not-found': 'No staff member has this id in this hospital; onboard them first or check the id.',
  'staff-already-onboarded': 'A staff member with this id is already on record.',
  'staff-separated':
    'The staff member has left the hospital; nothing more can be rostered, granted or recorded for them.',
  'staff-not-separated': 'Personal data of a current staff member cannot be erased; record their separation first.',
  'staff-already-erased': 'This staff member’s personal data is already erased.',
  'not-your-own-record':
    'Staff may request leave and swaps for themselves only (their token’s subject is linked to their record); ask a ward manager or HR to do it for someone else.',
  'user-already-linked':
    'This identity-provider subject is linked to another staff member, or this staff member to another subject; one person, one subject.',
  'staff-not-linked': 'Link the staff member to their identity-provider subject (link-user) before granting roles.',
  'role-already-granted': 'The staff member already holds this role here.',
  'role-not-granted': 'The staff member does not hold this role here; nothing to revoke.',
  'shift-type-not-found': 'No shift type has this id; define it first.',
  'shift-type-already-defined': 'A shift type with this id is already defined.',
  'shift-not-found':
    'The staff member has no such shift on their roster (it was cancelled, swapped or never assigned).',
  'shift-overlaps': 'The person already works a shift overlapping this one; choose another shift or person.',
  'licence-not-valid':
    'A clinical shift needs a licence valid on the shift’s day; record a current licence, or roster a licensed person.',
  'on-approved-leave': 'The person is on approved leave that day; roster someone else.',
  'minimum-rest':
    'Less than the hospital’s minimum rest between two shifts of one person (default 11 h); leave more time between them.',
  'maximum-hours-exceeded':
    'The person would work more than the hospital’s maximum hours in a rolling 7 days (default 48); roster someone else.',
  'leave-overlaps': 'The person already has leave requested or approved on some of these days.',
  'leave-balance-insufficient':
    'The leave balance of this type would go negative; ask for fewer days or have HR credit the balance.',
  'leave-not-found': 'The staff member has no leave request with this id.',
  'leave-not-pending': 'The leave request was already approved or rejected.',
  'approver-is-requester': 'The one who requested cannot approve or reject it; another manager must decide.',
  'rostered-during-leave':
    'The person is rostered on some of the leave days; cancel or swap those shifts before approving.',
  'swap-not-found': 'No shift swap has this id.',
  'swap-not-pending': 'The swap was already approved or rejected.',
  'swap-with-self': 'A swap needs two different staff members.',
} as const;
export type HrRule = keyof typeof HR_RULES;

export const violate = (rule: HrRule, details: Readonly<Record<string, string | number>> = {}): never => {
  throw new RuleViolation(rule, HR_RULES[rule], details);
};
