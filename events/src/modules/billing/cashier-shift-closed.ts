import { defineEvent } from '../../schema/define-event.js';

export const CashierShiftClosed = defineEvent({
  module: 'billing',
  name: 'CashierShiftClosed',
  aggregate: 'cashierShift',
  doc: 'The cashier closed the shift with the cash counted in the drawer; the variance against the expected cash is recorded.',
  versions: [
    {
      type: 'record',
      name: 'CashierShiftClosed',
      namespace: 'chartline.billing',
      fields: [
        { name: 'shiftId', type: 'string', doc: 'The shift.' },
        { name: 'countedCash', type: 'long', doc: 'Cash counted at the close, minor units.' },
        { name: 'expectedCash', type: 'long', doc: 'Opening float + cash taken − cash paid out, minor units.' },
        { name: 'variance', type: 'long', doc: 'Counted − expected (negative: cash missing).' },
        { name: 'closedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
