import type { Aggregate } from '../shared/command-spec.js';
import type { InventoryEvent } from './events.js';

/** A transfer of one item between two locations: `transfer-<h>.<id>`. In transit from dispatch to receipt. */

export interface TransferLotState {
  readonly lotId: string;
  readonly lotNumber: string;
  readonly expiryDate: string | null;
  readonly quantity: number;
  readonly unitCostMinor: number;
}

export interface TransferState {
  readonly status: 'none' | 'in_transit' | 'received';
  readonly itemId: string;
  readonly fromLocationId: string;
  readonly toLocationId: string;
  readonly currency: string;
  readonly lots: readonly TransferLotState[];
}

export const transferAggregate: Aggregate<TransferState, InventoryEvent> = {
  name: 'transfer',
  initialState: { status: 'none', itemId: '', fromLocationId: '', toLocationId: '', currency: '', lots: [] },
  evolve: (state, event) => {
    if (event.type === 'TransferDispatched') {
      const { itemId, fromLocationId, toLocationId, currency, lots } = event.data;
      return {
        status: 'in_transit',
        itemId,
        fromLocationId,
        toLocationId,
        currency,
        lots: lots.map((lot) => ({ ...lot, expiryDate: lot.expiryDate ?? null })),
      };
    }
    if (event.type === 'TransferReceived') return { ...state, status: 'received' };
    return state;
  },
};
