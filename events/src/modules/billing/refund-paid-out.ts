import { defineEvent } from '../../schema/define-event.js';

export const RefundPaidOut = defineEvent({
  module: 'billing',
  name: 'RefundPaidOut',
  aggregate: 'account',
  doc: 'An approved refund was paid out by a cashier in a shift.',
  versions: [
    {
      type: 'record',
      name: 'RefundPaidOut',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'adjustmentId', type: 'string', doc: 'The refund.' },
        {
          name: 'method',
          type: {
            type: 'enum',
            name: 'RefundMethod',
            namespace: 'chartline.billing',
            symbols: ['cash', 'card', 'transfer'],
            doc: 'How it was paid out.',
          },
          doc: 'How it was paid out.',
        },
        { name: 'shiftId', type: 'string', doc: 'The cashier shift.' },
        { name: 'paidAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
