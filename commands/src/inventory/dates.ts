/**
 * Calendar dates (YYYY-MM-DD) for expiry rules. Pure: the instant and the time zone come with the
 * command, so no decider reads a clock.
 */

import { DAY_MS, dayStart } from '@chartline/kernel';

/** The hospital's local calendar date at an instant (the kernel's, shared by every module). */
export { localDate } from '@chartline/kernel';

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((dayStart(to) - dayStart(from)) / DAY_MS);

/** A lot is expired from its expiry date on (the safe side for a patient); no date never expires. */
export const isExpiredOn = (expiryDate: string | null, today: string): boolean =>
  expiryDate !== null && today >= expiryDate;
