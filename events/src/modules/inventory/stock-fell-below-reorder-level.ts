import { defineEvent } from '../../schema/define-event.js';
import { stockPointFields } from './fields.js';

export const StockFellBelowReorderLevel = defineEvent({
  module: 'inventory',
  name: 'StockFellBelowReorderLevel',
  aggregate: 'stock',
  doc: 'The units on hand of an item at a location fell below its reorder level: raised once per crossing (again only after stock rose back to the level).',
  versions: [
    {
      type: 'record',
      name: 'StockFellBelowReorderLevel',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        { name: 'onHand', type: 'int', doc: 'Units on hand after the movement.' },
        { name: 'reorderLevel', type: 'int', doc: 'The reorder level crossed.' },
        { name: 'crossedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
