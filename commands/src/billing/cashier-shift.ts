import type { Aggregate } from '../shared/command-spec.js';
import type { BillingEvent } from './events.js';

export interface CashierShiftState {
  readonly status: 'absent' | 'open' | 'closed';
  readonly cashierId: string | null;
  readonly currency: string | null;
  /** Opening float + cash taken − cash paid out: what the drawer should hold. */
  readonly expectedCash: number;
}

/** `cashierShift-<hospitalId>.<shiftId>`: one cashier's drawer from opening to close. */
export const cashierShiftAggregate: Aggregate<CashierShiftState, BillingEvent> = {
  name: 'cashierShift',
  initialState: { status: 'absent', cashierId: null, currency: null, expectedCash: 0 },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CashierShiftOpened': {
        const { cashierId, currency, openingFloat } = event.data;
        return { status: 'open', cashierId, currency, expectedCash: openingFloat };
      }
      case 'ShiftMoneyRecorded': {
        const { method, direction, amount } = event.data;
        if (method !== 'cash') return state;
        return { ...state, expectedCash: state.expectedCash + (direction === 'in' ? amount : -amount) };
      }
      case 'CashierShiftClosed':
        return { ...state, status: 'closed' };
      default:
        return state;
    }
  },
};
