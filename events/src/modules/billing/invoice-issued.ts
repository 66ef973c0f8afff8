import { defineEvent } from '../../schema/define-event.js';

export const InvoiceIssued = defineEvent({
  module: 'billing',
  name: 'InvoiceIssued',
  aggregate: 'account',
  doc: 'An invoice of unbilled charges was issued with the next number of the hospital’s sequence. Issued means immutable: corrections are a credit note and an adjusting invoice.',
  versions: [
    {
      type: 'record',
      name: 'InvoiceIssued',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'invoiceId', type: 'string', doc: 'The invoice.' },
        { name: 'invoiceNumber', type: 'long', doc: 'Its number in the hospital’s gap-free sequence.' },
        {
          name: 'correctsInvoiceId',
          type: ['null', 'string'],
          default: null,
          doc: 'For an adjusting invoice, the invoice it corrects (credited before).',
        },
        {
          name: 'chargeIds',
          type: { type: 'array', items: 'string' },
          doc: 'The charges invoiced (their amounts are on the charges).',
        },
        { name: 'netAmount', type: 'long', doc: 'Sum of the charges’ net amounts.' },
        { name: 'taxAmount', type: 'long', doc: 'Sum of their tax amounts.' },
        { name: 'totalAmount', type: 'long', doc: 'Sum of their totals.' },
        { name: 'currency', type: 'string', doc: 'ISO 4217.' },
        { name: 'issuedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
