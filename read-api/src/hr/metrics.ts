import type { Document, ReadStore } from '@chartline/infra';
import type { MetricsRegistry } from '@chartline/infra/telemetry';
import { addDays, HOSPITALS, HR_SHIFT_TYPES, HR_SHIFTS, localDate, shiftInstants } from '@chartline/kernel';
import { hospitalGauges } from '../server/hospital-gauges.js';

const HOUR_MS = 3_600_000;
/** How far ahead the gauge looks: the shifts starting in the coming 24 hours. */
export const UNDERSTAFFING_HORIZON_HOURS = 24;
/** A ward is watched once it has a roster: any shift assigned on it from this many days back. */
export const ROSTERED_WARD_LOOKBACK_DAYS = 7;

/** One hospital's roster as the gauge needs it (read-model documents, as stored). */
export interface HospitalRoster {
  readonly hospitalId: string;
  readonly timeZone: string;
  readonly shiftTypes: readonly Document[];
  /** Shifts dated from ROSTERED_WARD_LOOKBACK_DAYS before today to tomorrow (local); only `assigned` ones staff a shift. */
  readonly shifts: readonly Document[];
}

export interface Understaffing {
  /** Shifts (ward × day × shift type) starting within the horizon with fewer staff than required. */
  readonly shifts: number;
  /** Staff missing across them (required − assigned, summed). */
  readonly missingStaff: number;
  /** Seconds from now until the soonest of them starts. */
  readonly soonestStartSeconds: number;
}

/**
 * The shifts of one hospital starting in [now, now + 24 h) whose assigned staff is below what the
 * shift type requires, counted as the roster view counts coverage (assigned shifts of that type on
 * that ward and local date). A shift is placed by its type's local times on its date in the
 * hospital's time zone (shiftInstants, as the roster rules place it), so a slot nobody is rostered
 * on counts too. Wards are those with a roster (any shift in the last 7 days or the coming day): a
 * ward HR does not roster is not watched. Undefined when nothing is under-staffed. Pure.
 */
export function understaffing(roster: HospitalRoster, now: Date): Understaffing | undefined {
  const from = now.getTime();
  const until = from + UNDERSTAFFING_HORIZON_HOURS * HOUR_MS;
  const today = localDate(now.toISOString(), roster.timeZone);
  const assigned = new Map<string, number>();
  const wards = new Set<string>();
  for (const shift of roster.shifts) {
    wards.add(String(shift['wardId']));
    if (shift['status'] !== 'assigned') continue;
    const slot = `${shift['wardId']}|${shift['date']}|${shift['shiftTypeId']}`;
    assigned.set(slot, (assigned.get(slot) ?? 0) + 1);
  }
  let shifts = 0;
  let missingStaff = 0;
  let soonest = Number.POSITIVE_INFINITY;
  // A shift starting within 24 hours is dated today or tomorrow in the hospital's own calendar.
  for (const date of [today, addDays(today, 1)]) {
    for (const type of roster.shiftTypes) {
      const required = Number(type['requiredStaff']);
      if (!(required > 0)) continue;
      const startsAt = Date.parse(
        shiftInstants(date, String(type['startTime']), String(type['endTime']), roster.timeZone).startsAt,
      );
      if (startsAt < from || startsAt >= until) continue;
      for (const ward of wards) {
        const gap = required - (assigned.get(`${ward}|${date}|${type['shiftTypeId']}`) ?? 0);
        if (gap <= 0) continue;
        shifts += 1;
        missingStaff += gap;
        soonest = Math.min(soonest, startsAt);
      }
    }
  }
  return shifts === 0 ? undefined : { shifts, missingStaff, soonestStartSeconds: (soonest - from) / 1000 };
}

/** Each hospital with shift types: its time zone, types and recent and coming shifts, from the read models. */
async function rosters(store: ReadStore, now: Date): Promise<HospitalRoster[]> {
  const types = await store.collection(HR_SHIFT_TYPES).find({}, { limit: 10_000 });
  const typesByHospital = new Map<string, Document[]>();
  for (const type of types) {
    const hospitalId = String(type['hospitalId']);
    typesByHospital.set(hospitalId, [...(typesByHospital.get(hospitalId) ?? []), type]);
  }
  if (typesByHospital.size === 0) return [];
  const hospitals = await store
    .collection(HOSPITALS)
    .find({ hospitalId: { $in: [...typesByHospital.keys()] }, status: 'active' }, { limit: 10_000 });
  return Promise.all(
    hospitals.map(async (hospital) => {
      const hospitalId = String(hospital['hospitalId']);
      const timeZone = String(hospital['timeZone']);
      const today = localDate(now.toISOString(), timeZone);
      const shifts = await store.collection(HR_SHIFTS).find(
        {
          hospitalId,
          // Every status: a ward whose shifts were all cancelled is still a rostered ward, short of staff.
          date: { $gte: addDays(today, -ROSTERED_WARD_LOOKBACK_DAYS), $lte: addDays(today, 1) },
        },
        { limit: 100_000 },
      );
      return { hospitalId, timeZone, shiftTypes: typesByHospital.get(hospitalId) ?? [], shifts };
    }),
  );
}

/**
 * Under-staffed shifts as Prometheus sees them, read from the read models at each scrape (every
 * read-API replica answers the same, and a restart loses nothing): per hospital, how many shifts
 * starting in the coming 24 hours have fewer staff than their type requires, how many staff are
 * missing, and how soon the first of them starts. A hospital with none has no series; labels are
 * hospital ids only (never a person). The alert `ChartlineHrShiftUnderstaffed` fires on the start.
 */
export function hrGauges(registry: MetricsRegistry, store: ReadStore, clock: () => Date): void {
  const measure = async () => {
    const now = clock();
    const byHospital = new Map<string, Understaffing>();
    for (const roster of await rosters(store, now)) {
      const found = understaffing(roster, now);
      if (found) byHospital.set(roster.hospitalId, found);
    }
    return byHospital;
  };
  hospitalGauges(registry, measure, [
    {
      name: 'chartline_hr_understaffed_shifts',
      help: 'Shifts (ward, day, shift type) starting in the next 24 hours with fewer staff than required, per hospital',
      value: (u) => u.shifts,
    },
    {
      name: 'chartline_hr_understaffed_missing_staff',
      help: 'Staff missing across the under-staffed shifts of the next 24 hours (required minus assigned), per hospital',
      value: (u) => u.missingStaff,
    },
    {
      name: 'chartline_hr_understaffed_shift_starts_in_seconds',
      help: 'Seconds until the soonest under-staffed shift of the next 24 hours starts, per hospital',
      value: (u) => u.soonestStartSeconds,
    },
  ]);
}
