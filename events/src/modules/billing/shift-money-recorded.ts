import { defineEvent } from '../../schema/define-event.js';

export const ShiftMoneyRecorded = defineEvent({
  module: 'billing',
  name: 'ShiftMoneyRecorded',
  aggregate: 'cashierShift',
  doc: 'Money taken in (a payment) or paid out (a refund) during the shift, recorded in the same append as the account’s payment or refund.',
  versions: [
    {
      type: 'record',
      name: 'ShiftMoneyRecorded',
      namespace: 'chartline.billing',
      fields: [
        { name: 'shiftId', type: 'string', doc: 'The shift.' },
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'movementId', type: 'string', doc: 'The payment or refund (adjustment) id.' },
        {
          name: 'direction',
          type: {
            type: 'enum',
            name: 'MoneyDirection',
            namespace: 'chartline.billing',
            symbols: ['in', 'out'],
            doc: 'In for a payment, out for a refund.',
          },
          doc: 'In for a payment, out for a refund.',
        },
        {
          name: 'method',
          type: {
            type: 'enum',
            name: 'ShiftPaymentMethod',
            namespace: 'chartline.billing',
            symbols: ['cash', 'card', 'transfer'],
            doc: 'How the money moved.',
          },
          doc: 'How the money moved.',
        },
        { name: 'amount', type: 'long', doc: 'Minor units, positive.' },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
