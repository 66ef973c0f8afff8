import type { Document, ReadStore } from '@chartline/infra';

/** Collections of the admissions projection (projections/src/admissions/views.ts). */
export const BED_BOARD = 'bed_board';
export const STAYS = 'stays';
export const WARDS = 'wards';

const BED_STATUSES = ['free', 'reserved', 'occupied', 'to_clean', 'closed'] as const;
type BedStatus = (typeof BED_STATUSES)[number];
const ACTIVE_STAYS = ['in_progress', 'on_leave'];

export interface WardCensus {
  wardId: string;
  name: string;
  specialty: string | null;
  beds: Record<BedStatus, number> & { total: number };
  /** Stays in progress or on leave, by their current ward. */
  inpatients: number;
  /** Planned stays waiting for a bed on this ward. */
  planned: number;
}

/**
 * The census is counted at query time from one document per bed and per stay (the views keep no
 * counters), so it can never drift from the bed board.
 */
export async function census(store: ReadStore, hospitalId: string): Promise<WardCensus[]> {
  const [wards, beds, stays] = await Promise.all([
    store.collection(WARDS).find({ hospitalId }, { sort: { name: 1, _id: 1 } }),
    store.collection(BED_BOARD).find({ hospitalId }),
    store.collection(STAYS).find({ hospitalId, status: { $in: [...ACTIVE_STAYS, 'planned'] } }),
  ]);
  const byWard = new Map<string, WardCensus>();
  const wardOf = (wardId: string, ward?: Document): WardCensus => {
    let entry = byWard.get(wardId);
    if (!entry) {
      const zero = Object.fromEntries(BED_STATUSES.map((s) => [s, 0])) as Record<BedStatus, number>;
      entry = {
        wardId,
        name: String(ward?.['name'] ?? ''),
        specialty: (ward?.['specialty'] as string | null | undefined) ?? null,
        beds: { ...zero, total: 0 },
        inpatients: 0,
        planned: 0,
      };
      byWard.set(wardId, entry);
    }
    return entry;
  };
  for (const ward of wards) wardOf(String(ward['wardId']), ward);
  for (const bed of beds) {
    const entry = wardOf(String(bed['wardId']));
    const status = bed['status'] as BedStatus;
    if (BED_STATUSES.includes(status)) entry.beds[status] += 1;
    entry.beds.total += 1;
  }
  for (const stay of stays) {
    if (stay['wardId'] === null || stay['wardId'] === undefined) continue;
    const entry = wardOf(String(stay['wardId']));
    if (stay['status'] === 'planned') entry.planned += 1;
    else entry.inpatients += 1;
  }
  return [...byWard.values()];
}
