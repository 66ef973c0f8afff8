import type { ViewSpec } from '../runtime/projection.js';

/**
 * The admissions module's read models: one document per bed, per stay and per ward (`_id` is
 * `<hospitalId>:<id>`; `position` is the idempotency guard). The current census is not a counter:
 * the read API counts occupied beds and active stays per ward with the indexes below.
 */
export const BED_BOARD = 'bed_board';
export const STAYS = 'stays';
export const WARDS = 'wards';

export const admissionViews: readonly ViewSpec[] = [
  {
    name: BED_BOARD,
    indexes: [
      { keys: { hospitalId: 1, wardId: 1, label: 1 }, name: 'ward_beds' },
      { keys: { hospitalId: 1, wardId: 1, status: 1 }, name: 'ward_bed_status' },
      { keys: { hospitalId: 1, stayId: 1 }, name: 'bed_of_stay' },
    ],
  },
  {
    name: STAYS,
    indexes: [
      { keys: { hospitalId: 1, patientId: 1, requestedAt: -1 }, name: 'patient_stays' },
      { keys: { hospitalId: 1, status: 1, wardId: 1 }, name: 'census' },
    ],
  },
  { name: WARDS, indexes: [{ keys: { hospitalId: 1, name: 1 }, name: 'hospital_wards' }] },
];

export const admissionDocId = (hospitalId: string, id: string) => `${hospitalId}:${id}`;
