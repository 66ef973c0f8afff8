import { addDays, localInstant, minutesOf } from '../local-time.js';

/**
 * Where a shift of a type lies on a date: from its start time that day to its end time, the next
 * day when the end is not after the start (a night shift 21:00–07:00), both in the hospital's
 * local time (its time zone), as UTC instants.
 */
export function shiftInstants(
  date: string,
  startTime: string,
  endTime: string,
  zone = 'UTC',
): { startsAt: string; endsAt: string } {
  const endDate = minutesOf(endTime) <= minutesOf(startTime) ? addDays(date, 1) : date;
  const start = localInstant(date, minutesOf(startTime), zone);
  const end = localInstant(endDate, minutesOf(endTime), zone);
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() };
}
