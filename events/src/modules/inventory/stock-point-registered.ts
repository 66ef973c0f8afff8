import { defineEvent } from '../../schema/define-event.js';

export const StockPointRegistered = defineEvent({
  module: 'inventory',
  name: 'StockPointRegistered',
  aggregate: 'stockRegister',
  doc: 'An item is stocked at a location for the first time: the hospital’s register of stock points, which the daily expiry sweep walks.',
  versions: [
    {
      type: 'record',
      name: 'StockPointRegistered',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'itemId', type: 'string', doc: 'The item.' },
        { name: 'locationId', type: 'string', doc: 'The location.' },
        { name: 'registeredAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
