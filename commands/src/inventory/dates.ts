/**
 * Calendar dates (YYYY-MM-DD) for expiry rules. Pure: the instant and the time zone come with the
 * command, so no decider reads a clock.
 */

/** The hospital's local calendar date at an instant. */
export function localDate(at: string, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. Kept per zone: building one costs tens of µs.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(new Date(at));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const DAY_MS = 86_400_000;
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);

/** A lot is expired from its expiry date on (the safe side for a patient); no date never expires. */
export const isExpiredOn = (expiryDate: string | null, today: string): boolean =>
  expiryDate !== null && today >= expiryDate;
