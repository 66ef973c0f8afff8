import type { Aggregate } from '../shared/command-spec.js';
import type { BillingEventNamed } from './events.js';

export interface InvoiceSequenceState {
  readonly lastNumber: number;
}

/**
 * `invoiceSequence-<hospitalId>.invoices`: the hospital's invoice numbers. Issuing appends the next
 * number here and the invoice to its account in one atomic append, at the revision of this stream
 * it loaded: of two issuers that read the same last number, one append fails its revision check
 * and is decided again with the next number (or answered 409 `concurrent-change`), so numbers are
 * never skipped or repeated. Each event carries the whole state, so only the tail is loaded.
 */
export const invoiceSequenceAggregate: Aggregate<InvoiceSequenceState, BillingEventNamed<'InvoiceNumberAllocated'>> = {
  name: 'invoiceSequence',
  initialState: { lastNumber: 0 },
  evolve: (state, event) => (event.type === 'InvoiceNumberAllocated' ? { lastNumber: event.data.sequence } : state),
};

export const INVOICE_SEQUENCE_ID = 'invoices';
