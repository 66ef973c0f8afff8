import { defineEvent } from '../../schema/define-event.js';

export const ItemCodeClaimed = defineEvent({
  module: 'inventory',
  name: 'ItemCodeClaimed',
  aggregate: 'itemCode',
  doc: 'An item code was taken by an item: the registry stream per code that keeps codes unique within the hospital.',
  versions: [
    {
      type: 'record',
      name: 'ItemCodeClaimed',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'code', type: 'string', doc: 'The item code, as the item carries it.' },
        { name: 'itemId', type: 'string', doc: 'The item that holds the code.' },
        { name: 'claimedAt', type: 'string', doc: 'When the code was taken, ISO-8601 UTC.' },
      ],
    },
  ],
});
