import { z } from 'zod';

/**
 * Dates and instants a hospital can mean. A well-formed `0000-01-01` or `9999-12-31` is still a
 * typing slip, and once appended it is history forever; so each is refused with 400 naming the
 * field and the range allowed. "Now" is the server's clock when the request is parsed.
 */

const DAY_MS = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The earliest birth date accepted: older records are migrated from paper charts, not born. */
export const EARLIEST_BIRTH_DATE = '1800-01-01';

/**
 * A birth date from 1800-01-01 up to today. "Today" is UTC's today plus one day: a child born just
 * after midnight in a time zone ahead of UTC has tomorrow's date in UTC's terms.
 */
export const birthDate = (what: string) =>
  z.iso
    .date()
    .refine((value) => value >= EARLIEST_BIRTH_DATE && value <= dateOf(Date.now() + DAY_MS), {
      message: `Must be a date from ${EARLIEST_BIRTH_DATE} up to today (not in the future)`,
    })
    .describe(`${what}, YYYY-MM-DD, from ${EARLIEST_BIRTH_DATE} up to today.`);

export interface Window {
  /** How far back from now it may lie, in days. */
  readonly pastDays: number;
  /** How far ahead of now it may lie, in days. */
  readonly futureDays: number;
}

/** An ISO-8601 instant with an offset, within a window around now. */
export const instantWithin = (what: string, window: Window) => {
  const range = `from ${window.pastDays} days ago to ${window.futureDays} days ahead`;
  return z.iso
    .datetime({ offset: true })
    .refine(
      (value) => {
        const at = Date.parse(value);
        const now = Date.now();
        return at >= now - window.pastDays * DAY_MS && at <= now + window.futureDays * DAY_MS;
      },
      { message: `Must be ${range}` },
    )
    .describe(`${what}, ISO-8601 with offset, ${range}.`);
};
