import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields } from './fields.js';

export const StockReceivedFromTransfer = defineEvent({
  module: 'inventory',
  name: 'StockReceivedFromTransfer',
  aggregate: 'stock',
  doc: 'Units of one lot arrived at a location from a transfer.',
  versions: [
    {
      type: 'record',
      name: 'StockReceivedFromTransfer',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'transferId', type: 'string', doc: 'The transfer.' },
        { name: 'fromLocationId', type: 'string', doc: 'Where the stock came from.' },
        { name: 'receivedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
