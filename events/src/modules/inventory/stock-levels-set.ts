import { defineEvent } from '../../schema/define-event.js';
import { stockPointFields } from './fields.js';

export const StockLevelsSet = defineEvent({
  module: 'inventory',
  name: 'StockLevelsSet',
  aggregate: 'stock',
  doc: 'The reorder level (and optional maximum) of an item at a location was set.',
  versions: [
    {
      type: 'record',
      name: 'StockLevelsSet',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        { name: 'reorderLevel', type: 'int', doc: 'Below this many units the item is to be reordered (0: never).' },
        {
          name: 'maximumLevel',
          type: ['null', 'int'],

          doc: 'Most units to hold at the location, or null.',
        },
        { name: 'setAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
