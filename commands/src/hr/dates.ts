/** The hospital's local calendar and clock, shared with the read side (its under-staffing gauge). */
export {
  addDays,
  DAY_MS,
  dayStart,
  daysInclusive,
  HOUR_MS,
  localDate,
  localInstant,
  minutesOf,
  shiftInstants,
} from '@chartline/kernel';
