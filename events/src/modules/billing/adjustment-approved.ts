import { defineEvent } from '../../schema/define-event.js';

export const AdjustmentApproved = defineEvent({
  module: 'billing',
  name: 'AdjustmentApproved',
  aggregate: 'account',
  doc: 'A billing supervisor other than the requester approved the adjustment; a discount or write-off reduces the invoice’s outstanding amount now, a refund is then paid out by a cashier.',
  versions: [
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
  ],
});
