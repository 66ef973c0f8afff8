import { defineEvent } from '../../schema/define-event.js';

export const AdjustmentRequested = defineEvent({
  module: 'billing',
  name: 'AdjustmentRequested',
  aggregate: 'account',
  doc: 'A refund, discount or write-off was requested; it takes effect only when someone other than the requester approves it.',
  versions: [
    {
      type: 'record',
      name: 'AdjustmentRequested',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'adjustmentId', type: 'string', doc: 'The adjustment.' },
        {
          name: 'kind',
          type: {
            type: 'enum',
            name: 'AdjustmentKind',
            namespace: 'chartline.billing',
            symbols: ['refund', 'discount', 'write_off'],
            doc: 'Refund of unallocated money, discount on or write-off of an invoice’s outstanding amount.',
          },
          doc: 'Refund of unallocated money, discount on or write-off of an invoice’s outstanding amount.',
        },
        {
          name: 'invoiceId',
          type: ['null', 'string'],
          default: null,
          doc: 'For a discount or write-off, the invoice.',
        },
        { name: 'amount', type: 'long', doc: 'Minor units, positive.' },
        { name: 'reason', type: 'string', doc: 'Why.' },
        { name: 'requestedBy', type: 'string', doc: 'The requester (actor id).' },
        { name: 'requestedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
