import { defineEvent } from '../../schema/define-event.js';
import { lotFields, stockPointFields } from './fields.js';

export const LotNearingExpiry = defineEvent({
  module: 'inventory',
  name: 'LotNearingExpiry',
  aggregate: 'stock',
  doc: 'The daily expiry sweep found a lot with stock entering its 90, 60 or 30-day expiry window (once per window; a lot already inside a narrower one raises only that).',
  versions: [
    {
      type: 'record',
      name: 'LotNearingExpiry',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        { name: 'windowDays', type: 'int', doc: '90, 60 or 30: the window the lot entered.' },
        { name: 'daysLeft', type: 'int', doc: 'Days from the sweep date to the expiry date.' },
        { name: 'quantity', type: 'int', doc: 'Units of the lot at the location.' },
        { name: 'sweepDate', type: 'string', doc: 'The hospital’s local date of the sweep (YYYY-MM-DD).' },
      ],
    },
  ],
});
