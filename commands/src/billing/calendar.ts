/**
 * Hospital-local calendar dates (YYYY-MM-DD) from UTC instants: a hospital's day begins at local
 * midnight, including across daylight-saving changes (the kernel's local time, shared by every module).
 */
import { addDays } from '@chartline/kernel';

export { localDate } from '@chartline/kernel';

/** Every date from `first` (inclusive) to `end` (exclusive), in order. */
export function datesBetween(first: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = first; date < end; date = addDays(date, 1)) dates.push(date);
  return dates;
}
