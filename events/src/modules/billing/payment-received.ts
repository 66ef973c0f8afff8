import { defineEvent } from '../../schema/define-event.js';

export const PaymentReceived = defineEvent({
  module: 'billing',
  name: 'PaymentReceived',
  aggregate: 'account',
  doc: 'Money was received for the account: a payment at the desk, a deposit before invoicing, or an insurer’s remittance.',
  versions: [
    {
      type: 'record',
      name: 'PaymentReceived',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'paymentId', type: 'string', doc: 'The payment.' },
        {
          name: 'method',
          type: {
            type: 'enum',
            name: 'PaymentMethod',
            namespace: 'chartline.billing',
            symbols: ['cash', 'card', 'transfer', 'insurer'],
            doc: 'How it was paid.',
          },
          doc: 'How it was paid.',
        },
        {
          name: 'purpose',
          type: {
            type: 'enum',
            name: 'PaymentPurpose',
            namespace: 'chartline.billing',
            symbols: ['payment', 'deposit', 'remittance'],
            doc: 'A payment, a deposit, or a payer’s remittance.',
          },
          doc: 'A payment, a deposit, or a payer’s remittance.',
        },
        { name: 'amount', type: 'long', doc: 'Minor units, positive.' },
        {
          name: 'shiftId',
          type: ['null', 'string'],
          default: null,
          doc: 'The cashier shift that took it (desk payments).',
        },
        { name: 'claimId', type: ['null', 'string'], default: null, doc: 'For a remittance, the claim.' },
        { name: 'receivedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
