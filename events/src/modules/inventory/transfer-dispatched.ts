import { defineEvent } from '../../schema/define-event.js';

export const TransferDispatched = defineEvent({
  module: 'inventory',
  name: 'TransferDispatched',
  aggregate: 'transfer',
  doc: 'A transfer of one item left its location: in transit until received at the destination.',
  versions: [
    {
      type: 'record',
      name: 'TransferDispatched',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'transferId', type: 'string', doc: 'The transfer (UUID v7).' },
        { name: 'itemId', type: 'string', doc: 'The item.' },
        { name: 'fromLocationId', type: 'string', doc: 'Where it left.' },
        { name: 'toLocationId', type: 'string', doc: 'Where it goes.' },
        {
          name: 'lots',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'TransferLot',
              namespace: 'chartline.inventory',
              fields: [
                { name: 'lotId', type: 'string', doc: 'The lot.' },
                { name: 'lotNumber', type: 'string', doc: 'The supplier’s lot number.' },
                { name: 'expiryDate', type: ['null', 'string'], doc: 'YYYY-MM-DD, or null.' },
                { name: 'quantity', type: 'int', doc: 'Units of this lot.' },
                { name: 'unitCostMinor', type: 'long', doc: 'Cost of one unit, minor units.' },
              ],
            },
          },
          doc: 'The lots, first expiry first.',
        },
        { name: 'quantity', type: 'int', doc: 'Units dispatched (all lots).' },
        { name: 'currency', type: 'string', doc: 'ISO 4217 currency of the unit costs.' },
        { name: 'dispatchedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
