import {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
} from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/** The inventory module's read models (their contract is in @chartline/kernel). */
export {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
};

export type InventoryView =
  | typeof INVENTORY_ITEMS
  | typeof INVENTORY_LOCATIONS
  | typeof INVENTORY_STOCK_LEVELS
  | typeof INVENTORY_STOCK_LOTS
  | typeof INVENTORY_LEDGER
  | typeof INVENTORY_TRANSFERS;

// Every index leads with hospitalId; each serves one read route's filter and keyset order.
export const inventoryViews: readonly ViewSpec<InventoryView>[] = [
  { name: INVENTORY_ITEMS, aggregate: 'item', indexes: [{ keys: { hospitalId: 1, code: 1 }, name: 'hospital_code' }] },
  {
    name: INVENTORY_LOCATIONS,
    aggregate: 'location',
    indexes: [{ keys: { hospitalId: 1, code: 1 }, name: 'hospital_code' }],
  },
  {
    name: INVENTORY_STOCK_LEVELS,
    aggregate: 'stock',
    indexes: [
      { keys: { hospitalId: 1, locationId: 1, stockPointId: 1 }, name: 'hospital_location' },
      { keys: { hospitalId: 1, belowReorderLevel: 1, stockPointId: 1 }, name: 'hospital_below_reorder' },
    ],
  },
  {
    name: INVENTORY_STOCK_LOTS,
    indexes: [
      { keys: { hospitalId: 1, locationId: 1, itemId: 1, expiryDate: 1 }, name: 'hospital_location_item' },
      { keys: { hospitalId: 1, expiryDate: 1, quantity: 1 }, name: 'hospital_expiry' },
    ],
  },
  {
    name: INVENTORY_LEDGER,
    indexes: [
      { keys: { hospitalId: 1, position: 1 }, name: 'hospital_position' },
      { keys: { hospitalId: 1, locationId: 1, itemId: 1, position: 1 }, name: 'hospital_stock_point' },
      { keys: { hospitalId: 1, wardId: 1, at: 1 }, name: 'hospital_ward_consumption' },
      { keys: { hospitalId: 1, patientId: 1, at: 1 }, name: 'hospital_patient_consumption' },
    ],
  },
  {
    name: INVENTORY_TRANSFERS,
    aggregate: 'transfer',
    indexes: [{ keys: { hospitalId: 1, status: 1, dispatchedAt: 1 }, name: 'hospital_status' }],
  },
];
