import { defineEvent } from '../../schema/define-event.js';

export const ItemUpdated = defineEvent({
  module: 'inventory',
  name: 'ItemUpdated',
  aggregate: 'item',
  doc: 'An item’s description was changed (its code never changes). Every changeable field is written out as it now stands, so a reader needs only the latest event; a reclassification as a controlled substance applies to the issues after it.',
  versions: [
    {
      type: 'record',
      name: 'ItemUpdated',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'itemId', type: 'string', doc: 'The item (UUID v7).' },
        { name: 'name', type: 'string', doc: 'What the item is called now.' },
        { name: 'unitOfMeasure', type: 'string', doc: 'The unit stock is counted in now.' },
        { name: 'packSize', type: 'int', doc: 'Units of measure in one pack as supplied now.' },
        {
          name: 'category',
          type: {
            type: 'enum',
            name: 'ItemCategory',
            namespace: 'chartline.inventory',
            symbols: ['medicine', 'consumable', 'reagent', 'equipment'],
            doc: 'What kind of item it is.',
          },
          doc: 'What kind of item it is now.',
        },
        { name: 'batchTracked', type: 'boolean', doc: 'Receipts from now on need a lot number.' },
        {
          name: 'controlledSubstance',
          type: 'boolean',
          doc: 'Issues from now on need an authenticated witness other than the issuer.',
        },
        {
          name: 'changedFields',
          type: { type: 'array', items: 'string' },
          doc: 'Which of the fields above this update changed (the others are restated as they were).',
        },
        { name: 'updatedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
