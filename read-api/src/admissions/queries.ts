import type { Document, ReadStore } from '@chartline/infra';
import { ACTIVE_STAY_STATUSES, BED_BOARD, BED_STATUSES, type BedStatus, STAYS, WARDS } from '@chartline/kernel';

// The collections are the admissions projection's, named once in the kernel's read-model contract.
export { BED_BOARD, STAYS, WARDS };

const ACTIVE_STAYS: readonly string[] = ACTIVE_STAY_STATUSES;

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
