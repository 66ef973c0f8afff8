import { defineEvent } from '../../schema/define-event.js';

export const InvoiceNumberAllocated = defineEvent({
  module: 'billing',
  name: 'InvoiceNumberAllocated',
  aggregate: 'invoiceSequence',
  doc: 'The next number of the hospital’s invoice sequence went to an invoice or credit note. Appended in the same atomic append as the document, at the expected revision of the sequence, so numbers have no gaps and no repeats.',
  versions: [
    {
      type: 'record',
      name: 'InvoiceNumberAllocated',
      namespace: 'chartline.billing',
      fields: [
        {
          name: 'sequence',
          type: 'long',
          doc: 'The number, 1, 2, 3… per hospital, shared by invoices and credit notes.',
        },
        { name: 'documentId', type: 'string', doc: 'The invoice or credit note that got it.' },
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        {
          name: 'documentKind',
          type: {
            type: 'enum',
            name: 'NumberedDocumentKind',
            namespace: 'chartline.billing',
            symbols: ['invoice', 'credit_note'],
            doc: 'Which kind of document.',
          },
          doc: 'Which kind of document.',
        },
        { name: 'allocatedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
