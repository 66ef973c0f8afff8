import type { Aggregate } from '../shared/command-spec.js';
import type { BillingEvent } from './events.js';

export interface PayerState {
  readonly registered: boolean;
}

/** `payer-<hospitalId>.<payerId>`: an insurer or other third party the hospital bills. */
export const payerAggregate: Aggregate<PayerState, BillingEvent> = {
  name: 'payer',
  initialState: { registered: false },
  evolve: (state, event) => (event.type === 'PayerRegistered' ? { registered: true } : state),
};
