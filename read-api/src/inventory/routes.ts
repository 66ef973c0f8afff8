import type {
  ContractHolds,
  ItemDocument,
  LedgerDocument,
  LocationDocument,
  PublicDocument,
  Role,
  SameFields,
  StockLevelDocument,
  StockLotDocument,
  TransferDocument,
} from '@chartline/kernel';
import { EXPIRY_ALERTS, ITEM_CATEGORIES, LEDGER_MOVEMENTS, LOCATION_KINDS } from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, entityId, hospitalId, isoDate, isoInstant, pageQuery } from '../server/inputs.js';
import { page } from '../server/page.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import {
  belowReorderPage,
  consumption,
  expiringPage,
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
  itemsPage,
  ledgerPage,
  locationsPage,
  stockLevelsPage,
  stockLotsPage,
  transfersPage,
} from './queries.js';

// The people who keep and hand out stock read it; admins oversee. Auditors read the history
// through the audit routes. A patient's consumption is ids and quantities only (no name, no MRN).
const STOCK_READERS: readonly Role[] = ['storekeeper', 'pharmacist', 'nurse', 'admin'];
const CONSUMPTION_READERS: readonly Role[] = ['pharmacist', 'storekeeper', 'billing_clerk', 'admin'];
const MODULES = ['inventory'] as const;

/** A closed list whose description says what each code means (the OpenAPI document must). */
const codes = <const T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values).describe(what);

const money = (what: string) => z.number().int().describe(`${what}, in minor units of the currency (cents).`);
const revision = z
  .number()
  .int()
  .describe('The stream’s revision: send it as If-Match: "<revision>" with a command on it.');

export const itemShape = z.object({
  hospitalId: z.string(),
  itemId: z.string(),
  code: z.string(),
  name: z.string(),
  unitOfMeasure: z.string(),
  packSize: z.number().int(),
  category: codes(
    ITEM_CATEGORIES,
    'What kind of item: `medicine`, `consumable` (gloves, syringes), `reagent` (laboratory), `equipment`.',
  ),
  batchTracked: z.boolean(),
  controlledSubstance: z.boolean().describe('Every issue needs a witness other than the issuer.'),
  definedAt: z.string(),
  revision,
});
export const locationShape = z.object({
  hospitalId: z.string(),
  locationId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: codes(
    LOCATION_KINDS,
    'What kind of store: `central_store` (the hospital’s), `pharmacy`, `ward_store` (a ward’s own, see wardId).',
  ),
  wardId: z.string().nullable(),
  definedAt: z.string(),
  revision,
});
export const stockLevelShape = z.object({
  hospitalId: z.string(),
  stockPointId: z.string().describe('`<locationId>.<itemId>`.'),
  itemId: z.string(),
  locationId: z.string(),
  onHand: z.number().int().describe('Units on hand over all lots (expired ones included until disposed of).'),
  valueMinor: money('Value of the units on hand at their lots’ costs'),
  currency: z.string().nullable(),
  reorderLevel: z.number().int(),
  maximumLevel: z.number().int().nullable(),
  belowReorderLevel: z.boolean(),
  lastMovementAt: z.string().nullable(),
  revision,
});
export const stockLotShape = z.object({
  hospitalId: z.string(),
  itemId: z.string(),
  locationId: z.string(),
  lotId: z.string(),
  lotNumber: z.string(),
  expiryDate: z.string().nullable().describe('YYYY-MM-DD; expired from that day on. Null: does not expire.'),
  quantity: z.number().int(),
  unitCostMinor: money('Cost of one unit'),
  currency: z.string(),
  valueMinor: money('quantity × unit cost'),
  expiryAlert: codes(
    EXPIRY_ALERTS,
    'The window entered: `within_90_days`, `within_60_days`, `within_30_days`, or `expired`.',
  )
    .nullable()
    .describe('The last expiry alert the daily sweep raised for the lot here, or null.'),
});
export const ledgerShape = z.object({
  hospitalId: z.string(),
  entryId: z.string(),
  itemId: z.string(),
  locationId: z.string(),
  lotId: z.string(),
  lotNumber: z.string(),
  movement: codes(
    LEDGER_MOVEMENTS,
    'What moved the stock: `received` from a supplier, `issued_to_patient`, `issued_to_ward`, `dispatched` on a transfer, `received_from_transfer`, `adjusted` after a count, `returned_to_vendor`, `disposed`.',
  ),
  quantityChange: z.number().int().describe('Positive in, negative out.'),
  balanceAfter: z.number().int().describe('Units of the item at the location after this line (running balance).'),
  unitCostMinor: money('Cost of one unit'),
  currency: z.string(),
  at: z.string(),
  referenceId: z.string().describe('The receipt, issue, transfer, adjustment, return or disposal.'),
  wardId: z.string().nullable(),
  patientId: z.string().nullable(),
  stayId: z.string().nullable(),
});
const transferLotShape = z.object({
  lotId: z.string(),
  lotNumber: z.string(),
  expiryDate: z.string().nullable(),
  quantity: z.number().int(),
  unitCostMinor: z.number().int(),
});
export const transferShape = z.object({
  hospitalId: z.string(),
  transferId: z.string(),
  itemId: z.string(),
  fromLocationId: z.string(),
  toLocationId: z.string(),
  status: codes(['in_transit', 'received'], '`in_transit` (dispatched, not yet received) or `received`.'),
  quantity: z.number().int(),
  currency: z.string(),
  lots: z.array(transferLotShape),
  dispatchedAt: z.string(),
  receivedQuantity: z.number().int().nullable(),
  discrepancyQuantity: z.number().int().nullable().describe('Units dispatched that did not arrive.'),
  discrepancyReason: z.string().nullable(),
  receivedAt: z.string().nullable(),
  revision,
});
export const consumptionShape = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      itemId: z.string(),
      quantity: z.number().int().describe('Units issued in the period.'),
      valueMinor: money('Their value at the lots’ costs'),
      currency: z.string(),
      issues: z.number().int().describe('Lot lines issued.'),
    }),
  ),
});

// Each answer carries exactly the fields the projection writes (the kernel's read-model contract).
export type InventoryAnswerContracts = [
  ContractHolds<SameFields<PublicDocument<ItemDocument>, z.infer<typeof itemShape>>>,
  ContractHolds<SameFields<PublicDocument<LocationDocument>, z.infer<typeof locationShape>>>,
  ContractHolds<SameFields<PublicDocument<StockLevelDocument>, z.infer<typeof stockLevelShape>>>,
  ContractHolds<SameFields<PublicDocument<StockLotDocument>, z.infer<typeof stockLotShape>>>,
  ContractHolds<SameFields<PublicDocument<LedgerDocument>, z.infer<typeof ledgerShape>>>,
  ContractHolds<SameFields<PublicDocument<TransferDocument>, z.infer<typeof transferShape>>>,
];

const stockPointQuery = {
  locationId: entityId('Only this location.').optional(),
  itemId: entityId('Only this item.').optional(),
};
const paging = (query: { limit?: number | undefined; cursor?: string | undefined }) => ({
  limit: query.limit,
  cursor: query.cursor,
});
const pageOf = <T>(result: { items: Record<string, unknown>[]; nextCursor: string | null }) =>
  ({ items: result.items.map(publicFields), nextCursor: result.nextCursor }) as unknown as T;

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const period = {
  from: isoInstant('Start of the period (inclusive); default 30 days before `to`').optional(),
  to: isoInstant('End of the period (exclusive); default now').optional(),
};
const periodOf = (query: { from?: string | undefined; to?: string | undefined }, now: Date) => {
  const to = query.to ? new Date(query.to).toISOString() : now.toISOString();
  const from = query.from ? new Date(query.from).toISOString() : new Date(Date.parse(to) - 30 * DAY_MS).toISOString();
  return { from, to };
};

export const inventoryRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'listInventoryItems',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/items',
    summary: 'The items the hospital stocks, by code.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(itemShape),
    views: [INVENTORY_ITEMS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(await itemsPage(deps.readStore, params.hospitalId, paging(query))),
    }),
  }),
  defineRoute({
    id: 'listInventoryLocations',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/locations',
    summary: 'The places stock is kept (central store, pharmacies, ward stores), by code.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(locationShape),
    views: [INVENTORY_LOCATIONS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(await locationsPage(deps.readStore, params.hospitalId, paging(query))),
    }),
  }),
  defineRoute({
    id: 'listStockOnHand',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/stock',
    summary: 'Stock on hand per location and item (all lots), with its value and levels.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...stockPointQuery, ...pageQuery, ...consistencyQuery }),
    response: page(stockLevelShape),
    views: [INVENTORY_STOCK_LEVELS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(
        await stockLevelsPage(
          deps.readStore,
          params.hospitalId,
          { locationId: query.locationId, itemId: query.itemId },
          paging(query),
        ),
      ),
    }),
  }),
  defineRoute({
    id: 'listStockLots',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/stock/lots',
    summary: 'Stock on hand per location, item and lot, with expiry and value (lots with units only).',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...stockPointQuery, ...pageQuery, ...consistencyQuery }),
    response: page(stockLotShape),
    views: [INVENTORY_STOCK_LOTS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(
        await stockLotsPage(
          deps.readStore,
          params.hospitalId,
          { locationId: query.locationId, itemId: query.itemId },
          paging(query),
        ),
      ),
    }),
  }),
  defineRoute({
    id: 'listStockBelowReorderLevel',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/reorder',
    summary: 'Items whose units on hand at a location are below its reorder level.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(stockLevelShape),
    views: [INVENTORY_STOCK_LEVELS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(await belowReorderPage(deps.readStore, params.hospitalId, paging(query))),
    }),
  }),
  defineRoute({
    id: 'listExpiringLots',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/expiring',
    summary: 'Lots with units expiring within 30, 60 or 90 days of a date (expired lots included), soonest first.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      withinDays: z.enum(['30', '60', '90']).optional().describe('30, 60 or 90 (default 30).'),
      asOf: isoDate('The date counted from (default today, UTC)').optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(stockLotShape),
    views: [INVENTORY_STOCK_LOTS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => {
      const asOf = query.asOf ?? deps.clock().toISOString().slice(0, 10);
      const cutoff = addDays(asOf, Number(query.withinDays ?? '30'));
      return { body: pageOf(await expiringPage(deps.readStore, params.hospitalId, cutoff, paging(query))) };
    },
  }),
  defineRoute({
    id: 'listStockLedger',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/ledger',
    summary:
      'The stock ledger: every movement of every lot in the order it happened, with the running balance of its item at its location.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...stockPointQuery, ...pageQuery, ...consistencyQuery }),
    response: page(ledgerShape),
    views: [INVENTORY_LEDGER],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => {
      const result = await ledgerPage(
        deps.readStore,
        params.hospitalId,
        { locationId: query.locationId, itemId: query.itemId },
        paging(query),
      );
      // A line issued to a patient says what they were given: each patient on the page is an access.
      const patients = new Set(result.items.flatMap((line) => (line['patientId'] ? [String(line['patientId'])] : [])));
      return {
        body: pageOf(result),
        accessed: [...patients].map((patientId) => ({ patientId, view: 'stock_consumption' as const })),
      };
    },
  }),
  defineRoute({
    id: 'listTransfers',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/transfers',
    summary: 'Transfers between locations, oldest dispatch first; `status=in_transit` for those not yet received.',
    tag: 'inventory',
    roles: STOCK_READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      status: codes(
        ['in_transit', 'received'],
        'Only transfers in this status: `in_transit` or `received`.',
      ).optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(transferShape),
    views: [INVENTORY_TRANSFERS],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => ({
      body: pageOf(await transfersPage(deps.readStore, params.hospitalId, query.status, paging(query))),
    }),
  }),
  defineRoute({
    id: 'wardConsumption',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/consumption/wards/:wardId',
    summary: 'Units issued to a ward over a period, per item, with their value.',
    tag: 'inventory',
    roles: CONSUMPTION_READERS,
    params: z.strictObject({ hospitalId, wardId: entityId('The ward.') }),
    input: z.strictObject({ ...period, ...consistencyQuery }),
    response: consumptionShape,
    views: [INVENTORY_LEDGER],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => {
      const { from, to } = periodOf(query, deps.clock());
      const items = await consumption(deps.readStore, params.hospitalId, { wardId: params.wardId }, from, to);
      return { body: { from, to, items } };
    },
  }),
  defineRoute({
    id: 'patientConsumption',
    method: 'get',
    path: '/hospitals/:hospitalId/inventory/consumption/patients/:patientId',
    summary:
      'Units issued for a patient (all stays) over a period, per item, with their value: what billing charges for.',
    tag: 'inventory',
    roles: CONSUMPTION_READERS,
    params: z.strictObject({ hospitalId, patientId: entityId('The patient.') }),
    input: z.strictObject({ ...period, ...consistencyQuery }),
    response: consumptionShape,
    views: [INVENTORY_LEDGER],
    modules: [...MODULES],
    run: async ({ params, query }, deps) => {
      const { from, to } = periodOf(query, deps.clock());
      const items = await consumption(deps.readStore, params.hospitalId, { patientId: params.patientId }, from, to);
      // What a patient was given is their health record: a non-empty answer is an access.
      return {
        body: { from, to, items },
        accessed: items.length > 0 ? [{ patientId: params.patientId, view: 'stock_consumption' as const }] : [],
      };
    },
  }),
];
