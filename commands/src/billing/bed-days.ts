import { datesBetween, localDate } from './calendar.js';

/** Where a stay's bed-days accrue from an instant on (admission, then each transfer). */
export interface WardSegment {
  readonly wardId: string;
  readonly specialty: string;
  readonly from: string;
}

/** One bed-day to charge: the night's date (hospital-local) and the ward the patient spent it on. */
export interface BedNight {
  readonly night: string;
  readonly wardId: string;
  readonly specialty: string;
}

/**
 * The bed-days of a stay up to `until`, by the midnight census:
 * - the hospital's day boundary is local midnight in its IANA time zone;
 * - a bed-day is charged for every local midnight the patient spends in a bed (on leave the bed is
 *   held, so leave nights count), dated by the evening before it and priced by the ward the
 *   patient was on at that midnight — a transfer during the day moves that night to the new ward;
 * - the day of discharge is not charged (its night is not spent here), except that a stay which
 *   saw no midnight at all (admitted and discharged the same local day) is charged one bed-day,
 *   on the admission ward and date.
 * `discharged` says whether `until` is the discharge (only then the minimum of one day applies).
 * Pure and total: the same segments, instant and zone always give the same nights.
 */
export function bedNights(
  segments: readonly WardSegment[],
  until: string,
  timeZone: string,
  discharged: boolean,
): BedNight[] {
  const ordered = [...segments].sort((a, b) => a.from.localeCompare(b.from));
  const nights: BedNight[] = [];
  for (const [i, segment] of ordered.entries()) {
    const next = ordered[i + 1];
    const start = localDate(segment.from, timeZone);
    const end = localDate(next ? next.from : until, timeZone);
    for (const night of datesBetween(start, end)) {
      nights.push({ night, wardId: segment.wardId, specialty: segment.specialty });
    }
  }
  const first = ordered[0];
  if (discharged && nights.length === 0 && first) {
    nights.push({ night: localDate(first.from, timeZone), wardId: first.wardId, specialty: first.specialty });
  }
  return nights;
}

/** The price-list code of a bed-day on a ward of this specialty. */
export const bedDayService = (specialty: string) => `bed-day:${specialty}`;
