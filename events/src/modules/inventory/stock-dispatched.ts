import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields } from './fields.js';

export const StockDispatched = defineEvent({
  module: 'inventory',
  name: 'StockDispatched',
  aggregate: 'stock',
  doc: 'Units of one lot left a location on a transfer (in transit from now on).',
  versions: [
    {
      type: 'record',
      name: 'StockDispatched',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'transferId', type: 'string', doc: 'The transfer.' },
        { name: 'toLocationId', type: 'string', doc: 'Where the stock is going.' },
        { name: 'dispatchedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
