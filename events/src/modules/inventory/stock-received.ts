import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields } from './fields.js';

export const StockReceived = defineEvent({
  module: 'inventory',
  name: 'StockReceived',
  aggregate: 'stock',
  doc: 'A lot was received from a supplier into a location.',
  versions: [
    {
      type: 'record',
      name: 'StockReceived',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'receiptId', type: 'string', doc: 'The receipt (UUID v7).' },
        { name: 'supplier', type: 'string', doc: 'Who supplied it (the supplier’s name or code).' },
        { name: 'receivedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
