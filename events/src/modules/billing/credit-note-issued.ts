import { defineEvent } from '../../schema/define-event.js';

export const CreditNoteIssued = defineEvent({
  module: 'billing',
  name: 'CreditNoteIssued',
  aggregate: 'account',
  doc: 'A credit note reversed lines of an issued invoice; the credited charges are unbilled again (to be voided, or re-invoiced on an adjusting invoice).',
  versions: [
    // v1
    {
      type: 'record',
      name: 'CreditNoteIssued',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'creditNoteId', type: 'string', doc: 'The credit note.' },
        {
          name: 'creditNoteNumber',
          type: 'long',
          doc: 'Its number in the hospital’s sequence (shared with invoices).',
        },
        { name: 'invoiceId', type: 'string', doc: 'The invoice it credits.' },
        { name: 'chargeIds', type: { type: 'array', items: 'string' }, doc: 'The invoice’s charges it credits.' },
        { name: 'totalAmount', type: 'long', doc: 'Sum of the credited charges’ totals.' },
        { name: 'reason', type: 'string', doc: 'Why.' },
        { name: 'issuedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
    // v2: the currency, so the credit note's read model needs no other document.
    {
      type: 'record',
      name: 'CreditNoteIssued',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'creditNoteId', type: 'string', doc: 'The credit note.' },
        {
          name: 'creditNoteNumber',
          type: 'long',
          doc: 'Its number in the hospital’s sequence (shared with invoices).',
        },
        { name: 'invoiceId', type: 'string', doc: 'The invoice it credits.' },
        { name: 'chargeIds', type: { type: 'array', items: 'string' }, doc: 'The invoice’s charges it credits.' },
        { name: 'totalAmount', type: 'long', doc: 'Sum of the credited charges’ totals.' },
        { name: 'reason', type: 'string', doc: 'Why.' },
        { name: 'issuedAt', type: 'string', doc: 'ISO-8601 UTC.' },
        {
          name: 'currency',
          type: 'string',
          default: '',
          doc: 'ISO 4217, the credited invoice’s (empty in v1 events).',
        },
      ],
    },
  ],
  upcasters: [(data) => ({ ...data, currency: '' })],
});
