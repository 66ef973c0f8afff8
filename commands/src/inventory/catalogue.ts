import type { Aggregate } from '../shared/command-spec.js';
import type { ItemCategory } from './commands.js';
import type { InventoryEvent } from './events.js';

/**
 * Items and locations: the hospital's catalogue of what it stocks and where. Each is its own
 * stream (`item-<h>.<id>`, `location-<h>.<id>`), read by the stock commands; an item's code is held
 * by `itemCode-<h>.<CODE>` so two items never share one.
 */

export interface ItemState {
  readonly defined: boolean;
  readonly code: string;
  readonly name: string;
  readonly unitOfMeasure: string;
  readonly packSize: number;
  readonly category: ItemCategory | null;
  readonly batchTracked: boolean;
  readonly controlledSubstance: boolean;
}

const initialItem: ItemState = {
  defined: false,
  code: '',
  name: '',
  unitOfMeasure: '',
  packSize: 1,
  category: null,
  batchTracked: false,
  controlledSubstance: false,
};

export const itemAggregate: Aggregate<ItemState, InventoryEvent> = {
  name: 'item',
  initialState: initialItem,
  evolve: (state, event) => {
    switch (event.type) {
      case 'ItemDefined':
      case 'ItemUpdated': {
        const { name, unitOfMeasure, packSize, category, batchTracked, controlledSubstance } = event.data;
        return {
          ...state,
          defined: true,
          code: event.type === 'ItemDefined' ? event.data.code : state.code,
          name,
          unitOfMeasure,
          packSize,
          category,
          batchTracked,
          controlledSubstance,
        };
      }
      default:
        return state;
    }
  },
};

export interface ItemCodeState {
  readonly itemId: string | null;
}

export const itemCodeAggregate: Aggregate<ItemCodeState, InventoryEvent> = {
  name: 'itemCode',
  initialState: { itemId: null },
  evolve: (state, event) => (event.type === 'ItemCodeClaimed' ? { itemId: event.data.itemId } : state),
};

export interface LocationState {
  readonly defined: boolean;
  readonly kind: 'central_store' | 'pharmacy' | 'ward_store' | null;
}

export const locationAggregate: Aggregate<LocationState, InventoryEvent> = {
  name: 'location',
  initialState: { defined: false, kind: null },
  evolve: (state, event) => (event.type === 'LocationDefined' ? { defined: true, kind: event.data.kind } : state),
};

/**
 * `stockRegister-<h>.points`: every (item, location) ever stocked, appended when a stock stream is
 * first written. Only new stock points write here, so it is no contention point for issues; the
 * daily expiry sweep reads it to know which stock streams to sweep.
 */
export interface StockRegisterState {
  readonly points: number;
}

export const STOCK_REGISTER_ID = 'points';

export const stockRegisterAggregate: Aggregate<StockRegisterState, InventoryEvent> = {
  name: 'stockRegister',
  initialState: { points: 0 },
  evolve: (state, event) => (event.type === 'StockPointRegistered' ? { points: state.points + 1 } : state),
};
