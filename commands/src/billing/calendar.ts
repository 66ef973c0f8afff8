/**
 * Hospital-local calendar dates (YYYY-MM-DD) from UTC instants, through Intl's tz database: a
 * hospital's day begins at local midnight, including across daylight-saving changes.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date in `timeZone` of the UTC instant `at`. */
export function localDate(at: string, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(new Date(at));
}

/** `date` plus `days` calendar days (dates carry no zone, so UTC arithmetic is exact). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Every date from `first` (inclusive) to `end` (exclusive), in order. */
export function datesBetween(first: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = first; date < end; date = addDays(date, 1)) dates.push(date);
  return dates;
}
