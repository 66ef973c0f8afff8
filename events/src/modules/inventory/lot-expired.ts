import { defineEvent } from '../../schema/define-event.js';
import { lotFields, stockPointFields } from './fields.js';

export const LotExpired = defineEvent({
  module: 'inventory',
  name: 'LotExpired',
  aggregate: 'stock',
  doc: 'The daily expiry sweep found a lot with stock on or after its expiry date (once per lot and location); it can no longer be issued.',
  versions: [
    {
      type: 'record',
      name: 'LotExpired',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        { name: 'quantity', type: 'int', doc: 'Units of the lot at the location.' },
        { name: 'sweepDate', type: 'string', doc: 'The hospital’s local date of the sweep (YYYY-MM-DD).' },
      ],
    },
  ],
});
