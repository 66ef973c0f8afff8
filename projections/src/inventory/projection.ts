import type { LedgerMovement } from '@chartline/kernel';
import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import type { EventNameOf } from '../runtime/event-data.js';
import type { ProjectionContext } from '../runtime/projection.js';
import {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
  type InventoryView,
  inventoryViews,
} from './views.js';

type Handler<N extends EventNameOf<'inventory'>> = HandlerOf<'inventory', N, InventoryView>;

const pointId = (locationId: string, itemId: string) => `${locationId}.${itemId}`;
const lotDocId = (locationId: string, itemId: string, lotId: string) => `${locationId}.${itemId}.${lotId}`;

interface Movement {
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate?: string | null;
  readonly unitCostMinor: number;
  readonly currency: string;
  readonly onHandAfter: number;
  /** Signed units: positive in, negative out. */
  readonly change: number;
  readonly movement: LedgerMovement;
  readonly referenceId: string;
  readonly at: string;
  readonly wardId?: string | null;
  readonly patientId?: string | null;
  readonly stayId?: string | null;
}

/**
 * One lot moved at a stock point: the stock point's level (units from the event's running balance,
 * value by the lot's cost), the lot's quantity and value, and one ledger line keyed by the stock
 * stream's revision (so a replay writes the same line).
 */
async function applyMovement(ctx: ProjectionContext<InventoryView>, m: Movement, revision: number): Promise<void> {
  const stockPointId = pointId(m.locationId, m.itemId);
  const level = await ctx.read(INVENTORY_STOCK_LEVELS, stockPointId);
  const reorderLevel = typeof level?.['reorderLevel'] === 'number' ? level['reorderLevel'] : 0;
  const value = m.change * m.unitCostMinor;
  await ctx.write(INVENTORY_STOCK_LEVELS, stockPointId, {
    $set: {
      stockPointId,
      itemId: m.itemId,
      locationId: m.locationId,
      onHand: m.onHandAfter,
      currency: m.currency,
      reorderLevel,
      maximumLevel: level?.['maximumLevel'] ?? null,
      belowReorderLevel: reorderLevel > 0 && m.onHandAfter < reorderLevel,
      lastMovementAt: m.at,
    },
    $inc: { valueMinor: value },
  });
  const lotId = lotDocId(m.locationId, m.itemId, m.lotId);
  const lot = await ctx.read(INVENTORY_STOCK_LOTS, lotId);
  await ctx.write(INVENTORY_STOCK_LOTS, lotId, {
    $set: {
      itemId: m.itemId,
      locationId: m.locationId,
      lotId: m.lotId,
      lotNumber: m.lotNumber,
      expiryDate: m.expiryDate ?? null,
      unitCostMinor: m.unitCostMinor,
      currency: m.currency,
      expiryAlert: lot?.['expiryAlert'] ?? null,
    },
    $inc: { quantity: m.change, valueMinor: value },
  });
  const entryId = `${stockPointId}.${revision}`;
  await ctx.write(INVENTORY_LEDGER, entryId, {
    $set: {
      entryId,
      itemId: m.itemId,
      locationId: m.locationId,
      lotId: m.lotId,
      lotNumber: m.lotNumber,
      movement: m.movement,
      quantityChange: m.change,
      balanceAfter: m.onHandAfter,
      unitCostMinor: m.unitCostMinor,
      currency: m.currency,
      at: m.at,
      referenceId: m.referenceId,
      wardId: m.wardId ?? null,
      patientId: m.patientId ?? null,
      stayId: m.stayId ?? null,
    },
  });
}

const itemDefined: Handler<'ItemDefined'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(INVENTORY_ITEMS, d.itemId, {
    $set: {
      itemId: d.itemId,
      code: d.code,
      name: d.name,
      unitOfMeasure: d.unitOfMeasure,
      packSize: d.packSize,
      category: d.category,
      batchTracked: d.batchTracked,
      controlledSubstance: d.controlledSubstance,
      definedAt: d.definedAt,
    },
  });
};

/** Every changeable field is restated by the event: the document needs nothing but the event. */
const itemUpdated: Handler<'ItemUpdated'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(
    INVENTORY_ITEMS,
    d.itemId,
    {
      $set: {
        name: d.name,
        unitOfMeasure: d.unitOfMeasure,
        packSize: d.packSize,
        category: d.category,
        batchTracked: d.batchTracked,
        controlledSubstance: d.controlledSubstance,
      },
    },
    // Only an item defined earlier in its own stream is updated: the document exists.
    { upsert: false },
  );
};

const locationDefined: Handler<'LocationDefined'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(INVENTORY_LOCATIONS, d.locationId, {
    $set: {
      locationId: d.locationId,
      code: d.code,
      name: d.name,
      kind: d.kind,
      wardId: d.wardId ?? null,
      definedAt: d.definedAt,
    },
  });
};

const levelsSet: Handler<'StockLevelsSet'> = async (event, ctx) => {
  const d = event.data;
  const stockPointId = pointId(d.locationId, d.itemId);
  const level = await ctx.read(INVENTORY_STOCK_LEVELS, stockPointId);
  const onHand = typeof level?.['onHand'] === 'number' ? level['onHand'] : 0;
  await ctx.write(INVENTORY_STOCK_LEVELS, stockPointId, {
    $set: {
      stockPointId,
      itemId: d.itemId,
      locationId: d.locationId,
      onHand,
      valueMinor: level?.['valueMinor'] ?? 0,
      currency: level?.['currency'] ?? null,
      reorderLevel: d.reorderLevel,
      maximumLevel: d.maximumLevel ?? null,
      belowReorderLevel: d.reorderLevel > 0 && onHand < d.reorderLevel,
      lastMovementAt: level?.['lastMovementAt'] ?? null,
    },
  });
};

const received: Handler<'StockReceived'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: d.quantity, movement: 'received', referenceId: d.receiptId, at: d.receivedAt },
    event.revision,
  );
};

const issuedToPatient: Handler<'StockIssuedToPatient'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: -d.quantity, movement: 'issued_to_patient', referenceId: d.issueId, at: d.issuedAt },
    event.revision,
  );
};

const issuedToWard: Handler<'StockIssuedToWard'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: -d.quantity, movement: 'issued_to_ward', referenceId: d.issueId, at: d.issuedAt },
    event.revision,
  );
};

const dispatched: Handler<'StockDispatched'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: -d.quantity, movement: 'dispatched', referenceId: d.transferId, at: d.dispatchedAt },
    event.revision,
  );
};

const receivedFromTransfer: Handler<'StockReceivedFromTransfer'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: d.quantity, movement: 'received_from_transfer', referenceId: d.transferId, at: d.receivedAt },
    event.revision,
  );
};

const adjusted: Handler<'StockAdjusted'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: d.difference, movement: 'adjusted', referenceId: d.adjustmentId, at: d.adjustedAt },
    event.revision,
  );
};

const returnedToVendor: Handler<'StockReturnedToVendor'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: -d.quantity, movement: 'returned_to_vendor', referenceId: d.returnId, at: d.returnedAt },
    event.revision,
  );
};

const disposed: Handler<'StockDisposed'> = async (event, ctx) => {
  const d = event.data;
  await applyMovement(
    ctx,
    { ...d, change: -d.quantity, movement: 'disposed', referenceId: d.disposalId, at: d.disposedAt },
    event.revision,
  );
};

const nearingExpiry: Handler<'LotNearingExpiry'> = async (event, ctx) => {
  const d = event.data;
  const alert = d.windowDays <= 30 ? 'within_30_days' : d.windowDays <= 60 ? 'within_60_days' : 'within_90_days';
  await ctx.write(
    INVENTORY_STOCK_LOTS,
    lotDocId(d.locationId, d.itemId, d.lotId),
    { $set: { expiryAlert: alert } },
    {
      upsert: false,
    },
  );
};

const expired: Handler<'LotExpired'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(
    INVENTORY_STOCK_LOTS,
    lotDocId(d.locationId, d.itemId, d.lotId),
    { $set: { expiryAlert: 'expired' } },
    {
      upsert: false,
    },
  );
};

const transferDispatched: Handler<'TransferDispatched'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(INVENTORY_TRANSFERS, d.transferId, {
    $set: {
      transferId: d.transferId,
      itemId: d.itemId,
      fromLocationId: d.fromLocationId,
      toLocationId: d.toLocationId,
      status: 'in_transit',
      quantity: d.quantity,
      currency: d.currency,
      lots: d.lots.map((lot) => ({ ...lot, expiryDate: lot.expiryDate ?? null })),
      dispatchedAt: d.dispatchedAt,
      receivedQuantity: null,
      discrepancyQuantity: null,
      discrepancyReason: null,
      receivedAt: null,
    },
  });
};

const transferReceived: Handler<'TransferReceived'> = async (event, ctx) => {
  const d = event.data;
  await ctx.write(
    INVENTORY_TRANSFERS,
    d.transferId,
    {
      $set: {
        status: 'received',
        receivedQuantity: d.receivedQuantity,
        discrepancyQuantity: d.discrepancyQuantity,
        discrepancyReason: d.discrepancyReason ?? null,
        receivedAt: d.receivedAt,
      },
    },
    { upsert: false },
  );
};

/** The inventory module's projection: every event has a handler or an `ignore(reason)`. */
export const inventoryProjection = defineProjection({
  module: 'inventory',
  views: inventoryViews,
  handlers: {
    ItemDefined: itemDefined,
    ItemUpdated: itemUpdated,
    ItemCodeClaimed: ignore(
      'the item’s code is on its document (ItemDefined); the code stream only keeps codes unique',
    ),
    LocationDefined: locationDefined,
    StockPointRegistered: ignore(
      'a write-side register for the expiry sweep; the stock level document exists from the first movement or levels',
    ),
    StockLevelsSet: levelsSet,
    StockReceived: received,
    StockIssuedToPatient: issuedToPatient,
    StockIssuedToWard: issuedToWard,
    StockDispatched: dispatched,
    StockReceivedFromTransfer: receivedFromTransfer,
    StockAdjusted: adjusted,
    StockReturnedToVendor: returnedToVendor,
    StockDisposed: disposed,
    StockFellBelowReorderLevel: ignore(
      'belowReorderLevel on the stock level follows every movement; the event is for alerting consumers',
    ),
    LotNearingExpiry: nearingExpiry,
    LotExpired: expired,
    TransferDispatched: transferDispatched,
    TransferReceived: transferReceived,
  },
});
