import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields } from './fields.js';

export const StockReturnedToVendor = defineEvent({
  module: 'inventory',
  name: 'StockReturnedToVendor',
  aggregate: 'stock',
  doc: 'Units of one lot went back to the supplier.',
  versions: [
    {
      type: 'record',
      name: 'StockReturnedToVendor',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'returnId', type: 'string', doc: 'The return (UUID v7).' },
        { name: 'supplier', type: 'string', doc: 'Who the stock went back to.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'ReturnReason',
            namespace: 'chartline.inventory',
            symbols: ['recalled', 'damaged', 'wrong_item', 'near_expiry', 'overstock', 'other'],
            doc: 'Why it went back.',
          },
          doc: 'Why it went back.',
        },
        { name: 'returnedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
