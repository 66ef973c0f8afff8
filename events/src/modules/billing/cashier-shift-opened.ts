import { defineEvent } from '../../schema/define-event.js';

export const CashierShiftOpened = defineEvent({
  module: 'billing',
  name: 'CashierShiftOpened',
  aggregate: 'cashierShift',
  doc: 'A cashier opened a shift with an opening float of cash in the drawer.',
  versions: [
    {
      type: 'record',
      name: 'CashierShiftOpened',
      namespace: 'chartline.billing',
      fields: [
        { name: 'shiftId', type: 'string', doc: 'The shift.' },
        { name: 'cashierId', type: 'string', doc: 'The cashier (actor id).' },
        { name: 'openingFloat', type: 'long', doc: 'Cash in the drawer at the start, minor units.' },
        { name: 'currency', type: 'string', doc: 'ISO 4217.' },
        { name: 'openedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
