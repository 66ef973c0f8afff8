import type { AuditableAggregates } from '../shared/auditable.js';
import { accountAggregate } from './account.js';
import { cashierShiftAggregate } from './cashier-shift.js';
import { invoiceSequenceAggregate } from './invoice-sequence.js';
import { payerAggregate } from './payer.js';
import { priceListAggregate } from './price-list.js';

/** The billing module's public entry on the write side. */
export { type AccountState, accountAggregate, outstanding, unallocatedCredit, unbilledChargeIds } from './account.js';
export { bedNights } from './bed-days.js';
export * as billingSpecs from './commands.js';
export { billingCommands } from './commands.js';
export { derivedChargeId } from './decider.js';
export type { BillingEvent } from './events.js';
export { applyRate, lineAmounts } from './money.js';
export { chargeCapture } from './process-managers/charge-capture.js';
export { billingModule } from './routes.js';
export { BILLING_RULES } from './rules.js';

/** What an auditor can fold to a state as of a time. */
export const aggregates: AuditableAggregates<'billing'> = {
  account: accountAggregate,
  priceList: priceListAggregate,
  payer: payerAggregate,
  invoiceSequence: invoiceSequenceAggregate,
  cashierShift: cashierShiftAggregate,
};
