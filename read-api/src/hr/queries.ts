import type { Document, ReadStore } from '@chartline/infra';
import { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS } from '@chartline/kernel';
import { findPage } from '../server/pagination.js';

export { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The staff directory: current and former staff whose personal data is not erased, by id (onboarding order). */
export const directoryPage = (store: ReadStore, hospitalId: string, limit?: number, cursor?: string) =>
  findPage(store.collection(HR_STAFF), {
    filter: { hospitalId, erased: false },
    sortField: 'staffId',
    order: 'asc',
    limit,
    cursor,
  });

/** A ward's roster for the 7 days from `weekStart`, with each day's shifts per shift type against its required staff. */
export async function wardRoster(store: ReadStore, hospitalId: string, wardId: string, weekStart: string) {
  const weekEnd = addDays(weekStart, 6);
  const [shifts, types] = await Promise.all([
    store
      .collection(HR_SHIFTS)
      .find(
        { hospitalId, wardId, status: 'assigned', date: { $gte: weekStart, $lte: weekEnd } },
        { sort: { startsAt: 1, _id: 1 } },
      ),
    store.collection(HR_SHIFT_TYPES).find({ hospitalId }, { sort: { name: 1, _id: 1 } }),
  ]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const coverage = days.flatMap((date) =>
    types.map((t) => {
      const staffed = shifts.filter((s) => s['date'] === date && s['shiftTypeId'] === t['shiftTypeId']);
      const required = Number(t['requiredStaff']);
      return {
        date,
        shiftTypeId: String(t['shiftTypeId']),
        shiftTypeName: String(t['name']),
        required,
        assigned: staffed.length,
        gap: Math.max(0, required - staffed.length),
        staffIds: staffed.map((s) => String(s['staffId'])),
      };
    }),
  );
  return { weekStart, weekEnd, shifts, coverage };
}

/** Licences of current staff whose last valid day is before `asOf` (expired) or within 30 days of it (expiring). */
export const licencesPage = (
  store: ReadStore,
  hospitalId: string,
  status: 'expiring' | 'expired',
  asOf: string,
  limit?: number,
  cursor?: string,
) =>
  findPage(store.collection(HR_LICENCES), {
    filter: {
      hospitalId,
      tracked: true,
      validTo: status === 'expired' ? { $lt: asOf } : { $gte: asOf, $lte: addDays(asOf, 30) },
    },
    sortField: 'validTo',
    order: 'asc',
    limit,
    cursor,
  });

/** Leave requested or approved that overlaps `from`–`to`, by first day. */
export const leaveCalendarPage = (
  store: ReadStore,
  hospitalId: string,
  from: string,
  to: string,
  limit?: number,
  cursor?: string,
) =>
  findPage(store.collection(HR_LEAVE), {
    filter: { hospitalId, status: { $in: ['requested', 'approved'] }, from: { $lte: to }, to: { $gte: from } },
    sortField: 'from',
    order: 'asc',
    limit,
    cursor,
  });

export const swapsPage = (store: ReadStore, hospitalId: string, status: string, limit?: number, cursor?: string) =>
  findPage(store.collection(HR_SWAPS), {
    filter: { hospitalId, status },
    sortField: 'swapId',
    order: 'asc',
    limit,
    cursor,
  });

/**
 * Hours each person works in the rolling 7 days ending at `until` (shifts counted for the part
 * inside the window), one row per person with any, by staff id; keyset-paged on the staff id.
 */
export async function hoursPage(store: ReadStore, hospitalId: string, until: string, limit: number, after?: string) {
  const end = Date.parse(until);
  const start = end - 7 * DAY_MS;
  const shifts = await store.collection(HR_SHIFTS).find({
    hospitalId,
    status: 'assigned',
    startsAt: { $lt: new Date(end).toISOString() },
    endsAt: { $gt: new Date(start).toISOString() },
    ...(after ? { staffId: { $gt: after } } : {}),
  });
  const hours = new Map<string, number>();
  for (const s of shifts as Document[]) {
    const from = Math.max(start, Date.parse(String(s['startsAt'])));
    const to = Math.min(end, Date.parse(String(s['endsAt'])));
    const id = String(s['staffId']);
    hours.set(id, (hours.get(id) ?? 0) + Math.max(0, to - from) / HOUR_MS);
  }
  const rows = [...hours.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const items = rows.slice(0, limit).map(([staffId, h]) => ({ staffId, hours: Math.round(h * 100) / 100 }));
  return { items, nextStaffId: rows.length > limit ? (items[items.length - 1]?.staffId ?? null) : null };
}
