import type { DomainEventOf, moduleEvents } from '@chartline/events';
import type { Aggregate } from './command-spec.js';
import type { TypedStreamRef } from './define-command.js';

/**
 * The billing facts another module may decide on, folded from billing's *published* account events
 * (the event catalogue, not billing's code): which charges of a stay's account are unbilled now.
 * It lives below both modules so admissions' discharge can load a stay's billing account as one
 * more stream of its command without importing billing, and billing still learns about stays only
 * through its process manager's subscription: no module cycle.
 */
type AccountEvent = DomainEventOf<(typeof moduleEvents.billing)[number]>;

export interface StayBillingState {
  /** Charges captured and neither invoiced, set aside as not billable, nor voided (credited lines count again). */
  readonly unbilledChargeIds: readonly string[];
}

const initialState: StayBillingState = { unbilledChargeIds: [] };

const without = (ids: readonly string[], gone: readonly string[]) => ids.filter((id) => !gone.includes(id));

function evolve(state: StayBillingState, event: AccountEvent): StayBillingState {
  const ids = state.unbilledChargeIds;
  switch (event.type) {
    case 'ChargeCaptured':
      return ids.includes(event.data.chargeId) ? state : { unbilledChargeIds: [...ids, event.data.chargeId] };
    case 'ChargeMarkedNotBillable':
    case 'ChargeVoided':
      return { unbilledChargeIds: without(ids, [event.data.chargeId]) };
    case 'InvoiceIssued':
      return { unbilledChargeIds: without(ids, event.data.chargeIds) };
    case 'CreditNoteIssued':
      // A credited line is unbilled again (to be voided or put on an adjusting invoice).
      return { unbilledChargeIds: [...without(ids, event.data.chargeIds), ...event.data.chargeIds] };
    default:
      return state;
  }
}

/** Billing's `account` stream read as a stay's billing status (a stay's account has the stay's id). */
export const stayBillingAggregate: Aggregate<StayBillingState, AccountEvent> = {
  name: 'account',
  initialState,
  evolve,
};

/** The stay's billing account, as a stream a command loads (its revision is checked at the append). */
export const stayBilling = (stayId: string): TypedStreamRef<StayBillingState> => ({
  aggregate: stayBillingAggregate,
  id: stayId,
});
