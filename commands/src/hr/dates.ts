/** Calendar arithmetic on YYYY-MM-DD dates and UTC instants, for the roster and leave rules. Pure. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Milliseconds since the epoch of a date's UTC midnight. */
export const dayStart = (date: string): number => Date.parse(`${date}T00:00:00.000Z`);

/** Whole calendar days from `from` to `to`, both included (1 for a single day). */
export const daysInclusive = (from: string, to: string): number =>
  Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1;

/** The date `days` after `date`. */
export const addDays = (date: string, days: number): string =>
  new Date(dayStart(date) + days * DAY_MS).toISOString().slice(0, 10);

/** `HH:MM` as minutes after midnight. */
export const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/**
 * Where a shift of a type lies on a date: from its start time that day to its end time, the next
 * day when the end is not after the start (a night shift 21:00–07:00).
 */
export function shiftInstants(date: string, startTime: string, endTime: string): { startsAt: string; endsAt: string } {
  const start = dayStart(date) + minutesOf(startTime) * 60_000;
  let end = dayStart(date) + minutesOf(endTime) * 60_000;
  if (end <= start) end += DAY_MS;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}
