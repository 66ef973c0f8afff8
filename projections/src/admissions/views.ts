import { BED_BOARD, readModelDocId, STAYS, WARDS } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/**
 * The admissions module's read models (their contract is in @chartline/kernel): one document per bed, per stay and per ward (`_id` is
 * `<hospitalId>:<id>`; `position` is the idempotency guard). The current census is not a counter:
 * the read API counts occupied beds and active stays per ward with the indexes below. `revision` on
 * each document is its own stream's (bed, stay, ward): what a command's If-Match expects.
 */
export { BED_BOARD, STAYS, WARDS };

export const admissionViews: readonly ViewSpec<typeof BED_BOARD | typeof STAYS | typeof WARDS>[] = [
  {
    name: BED_BOARD,
    aggregate: 'bed',
    indexes: [
      { keys: { hospitalId: 1, wardId: 1, label: 1 }, name: 'ward_beds' },
      { keys: { hospitalId: 1, wardId: 1, status: 1 }, name: 'ward_bed_status' },
      { keys: { hospitalId: 1, stayId: 1 }, name: 'bed_of_stay' },
    ],
  },
  {
    name: STAYS,
    aggregate: 'stay',
    indexes: [
      { keys: { hospitalId: 1, patientId: 1, requestedAt: -1 }, name: 'patient_stays' },
      { keys: { hospitalId: 1, status: 1, wardId: 1 }, name: 'census' },
    ],
  },
  { name: WARDS, aggregate: 'ward', indexes: [{ keys: { hospitalId: 1, name: 1 }, name: 'hospital_wards' }] },
];

export const admissionDocId = readModelDocId;
