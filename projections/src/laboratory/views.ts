import { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/**
 * The laboratory module's read models (their contract is in @chartline/kernel). Indexes serve the
 * reads: worklists per section and stage (most urgent first), a patient's results per test over
 * time, open criticals per hospital and ward (oldest first), a ward's orders (newest first),
 * turnaround over released results, and the catalogue by code.
 */
export { LAB_CATALOGUE, LAB_ORDER_TESTS, LAB_ORDERS };
export type LaboratoryView = typeof LAB_ORDER_TESTS | typeof LAB_ORDERS | typeof LAB_CATALOGUE;

export const laboratoryViews: readonly ViewSpec<LaboratoryView>[] = [
  {
    name: LAB_ORDER_TESTS,
    indexes: [
      { keys: { hospitalId: 1, section: 1, stage: 1, dueAt: 1 }, name: 'worklist' },
      { keys: { hospitalId: 1, patientId: 1, testCode: 1, collectedAt: -1 }, name: 'cumulative_results' },
      { keys: { hospitalId: 1, criticalOpen: 1, wardId: 1 }, name: 'open_criticals' },
      // The read API's gauge of open criticals reads across hospitals at each scrape.
      { keys: { criticalOpen: 1 }, name: 'open_criticals_all_hospitals' },
      { keys: { hospitalId: 1, finalAt: 1 }, name: 'turnaround' },
    ],
  },
  {
    name: LAB_ORDERS,
    aggregate: 'labOrder',
    indexes: [{ keys: { hospitalId: 1, wardId: 1, orderedAt: -1 }, name: 'ward_orders' }],
  },
  { name: LAB_CATALOGUE, indexes: [{ keys: { hospitalId: 1, kind: 1, code: 1 }, name: 'catalogue' }] },
];
