import type { Filter, ReadStore } from '@chartline/infra';
import {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
} from '@chartline/kernel';
import { findPage } from '../server/pagination.js';

export {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
};

export interface Paging {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** Only the filters the caller named (each a validated literal), always inside the hospital. */
const scoped = (hospitalId: string, fields: Readonly<Record<string, string | undefined>>): Filter => {
  const filter: Record<string, unknown> = { hospitalId };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) filter[key] = value;
  return filter as Filter;
};

export const itemsPage = (store: ReadStore, hospitalId: string, paging: Paging) =>
  findPage(store.collection(INVENTORY_ITEMS), { filter: { hospitalId }, sortField: 'code', order: 'asc', ...paging });

export const locationsPage = (store: ReadStore, hospitalId: string, paging: Paging) =>
  findPage(store.collection(INVENTORY_LOCATIONS), {
    filter: { hospitalId },
    sortField: 'code',
    order: 'asc',
    ...paging,
  });

/** Stock on hand per item and location (all lots). */
export const stockLevelsPage = (
  store: ReadStore,
  hospitalId: string,
  by: { locationId?: string | undefined; itemId?: string | undefined },
  paging: Paging,
) =>
  findPage(store.collection(INVENTORY_STOCK_LEVELS), {
    filter: scoped(hospitalId, by),
    sortField: 'stockPointId',
    order: 'asc',
    ...paging,
  });

/** Stock points whose units on hand are below their reorder level. */
export const belowReorderPage = (store: ReadStore, hospitalId: string, paging: Paging) =>
  findPage(store.collection(INVENTORY_STOCK_LEVELS), {
    filter: { hospitalId, belowReorderLevel: true },
    sortField: 'stockPointId',
    order: 'asc',
    ...paging,
  });

/** Lots on the shelf (quantity above zero), per location and item. */
export const stockLotsPage = (
  store: ReadStore,
  hospitalId: string,
  by: { locationId?: string | undefined; itemId?: string | undefined },
  paging: Paging,
) =>
  findPage(store.collection(INVENTORY_STOCK_LOTS), {
    filter: { ...scoped(hospitalId, by), quantity: { $gt: 0 } },
    sortField: 'lotId',
    order: 'asc',
    ...paging,
  });

/** Lots with stock expiring on or before `cutoff` (expired ones included), soonest first. */
export const expiringPage = (store: ReadStore, hospitalId: string, cutoff: string, paging: Paging) =>
  findPage(store.collection(INVENTORY_STOCK_LOTS), {
    filter: { hospitalId, quantity: { $gt: 0 }, expiryDate: { $lte: cutoff } },
    sortField: 'expiryDate',
    order: 'asc',
    ...paging,
  });

/** The stock ledger in the order it happened (event-store position). */
export const ledgerPage = (
  store: ReadStore,
  hospitalId: string,
  by: { locationId?: string | undefined; itemId?: string | undefined },
  paging: Paging,
) =>
  findPage(store.collection(INVENTORY_LEDGER), {
    filter: scoped(hospitalId, by),
    sortField: 'position',
    order: 'asc',
    ...paging,
  });

export const transfersPage = (store: ReadStore, hospitalId: string, status: string | undefined, paging: Paging) =>
  findPage(store.collection(INVENTORY_TRANSFERS), {
    filter: scoped(hospitalId, { status }),
    sortField: 'dispatchedAt',
    order: 'asc',
    ...paging,
  });

export interface ConsumptionLine {
  itemId: string;
  quantity: number;
  valueMinor: number;
  currency: string;
  issues: number;
}

/**
 * Units issued to a ward or to a patient in [from, to), added up per item at query time from the
 * ledger's issue lines (indexed by ward or patient and time), so it never drifts from the ledger.
 */
export async function consumption(
  store: ReadStore,
  hospitalId: string,
  by: { wardId: string } | { patientId: string },
  from: string,
  to: string,
): Promise<ConsumptionLine[]> {
  const lines = await store
    .collection(INVENTORY_LEDGER)
    .find({ hospitalId, ...by, at: { $gte: from, $lt: to } } as Filter, { sort: { at: 1, _id: 1 } });
  const byItem = new Map<string, ConsumptionLine>();
  for (const line of lines) {
    const itemId = String(line['itemId']);
    const currency = String(line['currency']);
    const key = `${itemId}|${currency}`;
    const entry = byItem.get(key) ?? { itemId, quantity: 0, valueMinor: 0, currency, issues: 0 };
    const units = -Number(line['quantityChange']);
    entry.quantity += units;
    entry.valueMinor += units * Number(line['unitCostMinor']);
    entry.issues += 1;
    byItem.set(key, entry);
  }
  return [...byItem.values()].sort((a, b) => a.itemId.localeCompare(b.itemId) || a.currency.localeCompare(b.currency));
}
