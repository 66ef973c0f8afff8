import { defineEvent } from '../../schema/define-event.js';

export const PaymentAllocated = defineEvent({
  module: 'billing',
  name: 'PaymentAllocated',
  aggregate: 'account',
  doc: 'Part or all of a payment was allocated to an invoice.',
  versions: [
    {
      type: 'record',
      name: 'PaymentAllocated',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'paymentId', type: 'string', doc: 'The payment.' },
        { name: 'invoiceId', type: 'string', doc: 'The invoice.' },
        { name: 'amount', type: 'long', doc: 'Minor units, positive.' },
        { name: 'allocatedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
