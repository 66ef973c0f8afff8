import type { Aggregate } from '../shared/command-spec.js';
import type { InventoryEvent } from './events.js';

/**
 * The stock of one item at one location, all its lots: `stock-<h>.<locationId>.<itemId>`.
 *
 * This is the aggregate boundary for "never below zero": every movement in or out of the item at
 * the location appends to this one stream at the revision it decided on, so two issues of the
 * last units cannot both succeed (the loser re-reads and is refused `insufficient-stock`). Lots
 * live inside it because first-expiry-first-out picks among them in one decision.
 */

export interface Lot {
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate: string | null;
  readonly quantity: number;
  readonly unitCostMinor: number;
  /** Order of first arrival at this location: the tie-break between lots expiring the same day. */
  readonly arrival: number;
  /** Expiry windows (90, 60, 30) the sweep already raised for this lot here. */
  readonly windowsRaised: readonly number[];
  readonly expiredRaised: boolean;
}

export interface StockState {
  readonly itemId: string | null;
  readonly locationId: string | null;
  readonly lots: Readonly<Record<string, Lot>>;
  readonly onHand: number;
  readonly currency: string | null;
  readonly reorderLevel: number;
  readonly maximumLevel: number | null;
  /** A fall below the reorder level was raised and stock has not been back at the level since. */
  readonly belowReorderRaised: boolean;
}

export const stockStreamId = (locationId: string, itemId: string) => `${locationId}.${itemId}`;

const initialState: StockState = {
  itemId: null,
  locationId: null,
  lots: {},
  onHand: 0,
  currency: null,
  reorderLevel: 0,
  maximumLevel: null,
  belowReorderRaised: false,
};

interface LotLine {
  readonly itemId: string;
  readonly locationId: string;
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate?: string | null;
  readonly unitCostMinor: number;
  readonly currency: string;
  readonly quantity: number;
}

/** Sets a lot's quantity (creating the lot on first arrival) and re-arms the reorder crossing. */
function moveLot(state: StockState, line: LotLine, quantity: (current: number) => number): StockState {
  const existing = state.lots[line.lotId];
  const lot: Lot = existing ?? {
    lotId: line.lotId,
    lotNumber: line.lotNumber,
    expiryDate: line.expiryDate ?? null,
    quantity: 0,
    unitCostMinor: line.unitCostMinor,
    arrival: Object.keys(state.lots).length,
    windowsRaised: [],
    expiredRaised: false,
  };
  const next = quantity(lot.quantity);
  const onHand = state.onHand + (next - lot.quantity);
  return {
    ...state,
    itemId: line.itemId,
    locationId: line.locationId,
    currency: state.currency ?? line.currency,
    lots: { ...state.lots, [line.lotId]: { ...lot, quantity: next } },
    onHand,
    belowReorderRaised: state.belowReorderRaised && onHand < state.reorderLevel,
  };
}

function markLot(state: StockState, lotId: string, mark: (lot: Lot) => Lot): StockState {
  const lot = state.lots[lotId];
  return lot ? { ...state, lots: { ...state.lots, [lotId]: mark(lot) } } : state;
}

function evolve(state: StockState, event: InventoryEvent): StockState {
  switch (event.type) {
    case 'StockLevelsSet': {
      const { itemId, locationId, reorderLevel, maximumLevel } = event.data;
      return {
        ...state,
        itemId,
        locationId,
        reorderLevel,
        maximumLevel: maximumLevel ?? null,
        belowReorderRaised: state.belowReorderRaised && state.onHand < reorderLevel,
      };
    }
    case 'StockReceived':
    case 'StockReceivedFromTransfer':
      return moveLot(state, event.data, (q) => q + event.data.quantity);
    case 'StockIssuedToPatient':
    case 'StockIssuedToWard':
    case 'StockDispatched':
    case 'StockReturnedToVendor':
    case 'StockDisposed':
      return moveLot(state, event.data, (q) => q - event.data.quantity);
    case 'StockAdjusted':
      return moveLot(state, event.data, () => event.data.countedQuantity);
    case 'StockFellBelowReorderLevel':
      return { ...state, belowReorderRaised: true };
    case 'LotNearingExpiry':
      return markLot(state, event.data.lotId, (lot) => ({
        ...lot,
        windowsRaised: [...lot.windowsRaised, event.data.windowDays],
      }));
    case 'LotExpired':
      return markLot(state, event.data.lotId, (lot) => ({ ...lot, expiredRaised: true }));
    default:
      return state;
  }
}

export const stockAggregate: Aggregate<StockState, InventoryEvent> = { name: 'stock', initialState, evolve };
