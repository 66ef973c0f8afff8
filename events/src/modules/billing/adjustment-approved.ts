import { defineEvent } from '../../schema/define-event.js';

export const AdjustmentApproved = defineEvent({
  module: 'billing',
  name: 'AdjustmentApproved',
  aggregate: 'account',
  doc: 'A billing supervisor other than the requester approved the adjustment; a discount or write-off reduces the invoice’s outstanding amount now, a refund is then paid out by a cashier.',
  versions: [
    // v1
    {
      type: 'record',
      name: 'AdjustmentApproved',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'adjustmentId', type: 'string', doc: 'The adjustment.' },
        { name: 'approvedBy', type: 'string', doc: 'The approver (actor id, never the requester).' },
        { name: 'approvedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
    // v2: the invoice it reduces, so the invoice's read model needs no other document.
    {
      type: 'record',
      name: 'AdjustmentApproved',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'adjustmentId', type: 'string', doc: 'The adjustment.' },
        { name: 'approvedBy', type: 'string', doc: 'The approver (actor id, never the requester).' },
        { name: 'approvedAt', type: 'string', doc: 'ISO-8601 UTC.' },
        {
          name: 'invoiceId',
          type: ['null', 'string'],
          default: null,
          doc: 'The invoice a discount or write-off reduces (null for a refund, and in v1 events).',
        },
      ],
    },
  ],
  upcasters: [(data) => ({ ...data, invoiceId: null })],
});
