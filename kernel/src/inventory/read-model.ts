import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

/** The inventory module's read models, as its projection writes them and its read routes read them. */
export const INVENTORY_VIEWS = {
  items: 'inventory_items',
  locations: 'inventory_locations',
  stockLevels: 'inventory_stock_levels',
  stockLots: 'inventory_stock_lots',
  ledger: 'inventory_ledger',
  transfers: 'inventory_transfers',
} as const;
export const INVENTORY_ITEMS = INVENTORY_VIEWS.items;
export const INVENTORY_LOCATIONS = INVENTORY_VIEWS.locations;
export const INVENTORY_STOCK_LEVELS = INVENTORY_VIEWS.stockLevels;
export const INVENTORY_STOCK_LOTS = INVENTORY_VIEWS.stockLots;
export const INVENTORY_LEDGER = INVENTORY_VIEWS.ledger;
export const INVENTORY_TRANSFERS = INVENTORY_VIEWS.transfers;

export const ITEM_CATEGORIES = ['medicine', 'consumable', 'reagent', 'equipment'] as const;
export const LOCATION_KINDS = ['central_store', 'pharmacy', 'ward_store'] as const;
/** Every kind of line the stock ledger shows; issues are what consumption reads add up. */
export const LEDGER_MOVEMENTS = [
  'received',
  'issued_to_patient',
  'issued_to_ward',
  'dispatched',
  'received_from_transfer',
  'adjusted',
  'returned_to_vendor',
  'disposed',
] as const;
export type LedgerMovement = (typeof LEDGER_MOVEMENTS)[number];
export const EXPIRY_ALERTS = ['within_90_days', 'within_60_days', 'within_30_days', 'expired'] as const;
export type ExpiryAlert = (typeof EXPIRY_ALERTS)[number];

/** One document per item. */
export interface ItemDocument extends ReadModelDocument, RevisionedDocument {
  readonly itemId: string;
  readonly code: string;
  readonly name: string;
  readonly unitOfMeasure: string;
  readonly packSize: number;
  readonly category: (typeof ITEM_CATEGORIES)[number];
  readonly batchTracked: boolean;
  readonly controlledSubstance: boolean;
  readonly definedAt: string;
}

/** One document per location. */
export interface LocationDocument extends ReadModelDocument, RevisionedDocument {
  readonly locationId: string;
  readonly code: string;
  readonly name: string;
  readonly kind: (typeof LOCATION_KINDS)[number];
  readonly wardId: string | null;
  readonly definedAt: string;
}

/**
 * One document per item at a location (a stock point): units on hand over all lots, their value,
 * the levels. `revision` is the stock stream's: send it as If-Match with an issue.
 */
export interface StockLevelDocument extends ReadModelDocument, RevisionedDocument {
  readonly stockPointId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly onHand: number;
  readonly valueMinor: number;
  readonly currency: string | null;
  readonly reorderLevel: number;
  readonly maximumLevel: number | null;
  /** onHand < reorderLevel (and a reorder level is set). */
  readonly belowReorderLevel: boolean;
  readonly lastMovementAt: string | null;
}

/** One document per lot at a location: what is on the shelf, when it expires, what it is worth. */
export interface StockLotDocument extends ReadModelDocument {
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate: string | null;
  readonly quantity: number;
  readonly unitCostMinor: number;
  readonly currency: string;
  readonly valueMinor: number;
  /** The last expiry alert the daily sweep raised for the lot here, or null. */
  readonly expiryAlert: ExpiryAlert | null;
}

/** One document per movement of one lot: the stock ledger, with the running balance of the stock point. */
export interface LedgerDocument extends ReadModelDocument {
  readonly entryId: string;
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly movement: LedgerMovement;
  /** Signed: positive in, negative out. */
  readonly quantityChange: number;
  /** Units of the item at the location after this line. */
  readonly balanceAfter: number;
  readonly unitCostMinor: number;
  readonly currency: string;
  readonly at: string;
  /** The receipt, issue, transfer, adjustment, return or disposal this line belongs to. */
  readonly referenceId: string;
  readonly wardId: string | null;
  readonly patientId: string | null;
  readonly stayId: string | null;
}

export interface TransferLotDocument {
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate: string | null;
  readonly quantity: number;
  readonly unitCostMinor: number;
}

/** One document per transfer: in transit until received. */
export interface TransferDocument extends ReadModelDocument, RevisionedDocument {
  readonly transferId: string;
  readonly itemId: string;
  readonly fromLocationId: string;
  readonly toLocationId: string;
  readonly status: 'in_transit' | 'received';
  readonly quantity: number;
  readonly currency: string;
  readonly lots: readonly TransferLotDocument[];
  readonly dispatchedAt: string;
  readonly receivedQuantity: number | null;
  readonly discrepancyQuantity: number | null;
  readonly discrepancyReason: string | null;
  readonly receivedAt: string | null;
}
