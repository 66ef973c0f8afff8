import { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/**
 * The hr module's read models (their contract is in @chartline/kernel). The indexes serve the
 * read routes: the roster of a ward for a week, a person's shifts for rolling hours, licences by
 * last valid day, leave overlapping a period, the directory by name.
 */
export { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS };

export type HrView =
  | typeof HR_STAFF
  | typeof HR_SHIFTS
  | typeof HR_SHIFT_TYPES
  | typeof HR_LICENCES
  | typeof HR_LEAVE
  | typeof HR_SWAPS;

export const hrViews: readonly ViewSpec<HrView>[] = [
  {
    name: HR_STAFF,
    aggregate: 'staff',
    indexes: [{ keys: { hospitalId: 1, erased: 1, familyName: 1, staffId: 1 }, name: 'directory' }],
  },
  {
    name: HR_SHIFTS,
    indexes: [
      { keys: { hospitalId: 1, wardId: 1, date: 1 }, name: 'ward_roster' },
      { keys: { hospitalId: 1, staffId: 1, startsAt: 1 }, name: 'person_shifts' },
    ],
  },
  {
    name: HR_SHIFT_TYPES,
    aggregate: 'shiftType',
    indexes: [{ keys: { hospitalId: 1, name: 1 }, name: 'shift_types' }],
  },
  { name: HR_LICENCES, indexes: [{ keys: { hospitalId: 1, tracked: 1, validTo: 1 }, name: 'licence_expiry' }] },
  { name: HR_LEAVE, indexes: [{ keys: { hospitalId: 1, from: 1 }, name: 'leave_calendar' }] },
  {
    name: HR_SWAPS,
    aggregate: 'shiftSwap',
    indexes: [{ keys: { hospitalId: 1, status: 1, swapId: 1 }, name: 'swaps' }],
  },
];
