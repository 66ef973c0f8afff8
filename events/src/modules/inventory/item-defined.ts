import { defineEvent } from '../../schema/define-event.js';

export const ItemDefined = defineEvent({
  module: 'inventory',
  name: 'ItemDefined',
  aggregate: 'item',
  doc: 'An item the hospital stocks was defined: what it is, how it is counted, and whether it is tracked by lot or controlled.',
  versions: [
    {
      type: 'record',
      name: 'ItemDefined',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'itemId', type: 'string', doc: 'The item (UUID v7).' },
        { name: 'code', type: 'string', doc: 'The hospital’s code for the item (unique within the hospital).' },
        { name: 'name', type: 'string', doc: 'What the item is called, e.g. "Paracetamol 500 mg tablet".' },
        { name: 'unitOfMeasure', type: 'string', doc: 'The unit stock is counted in, e.g. "tablet", "vial", "box".' },
        { name: 'packSize', type: 'int', doc: 'Units of measure in one pack as supplied (1 when sold singly).' },
        {
          name: 'category',
          type: {
            type: 'enum',
            name: 'ItemCategory',
            namespace: 'chartline.inventory',
            symbols: ['medicine', 'consumable', 'reagent', 'equipment'],
            doc: 'What kind of item it is.',
          },
          doc: 'What kind of item it is.',
        },
        { name: 'batchTracked', type: 'boolean', doc: 'Stock is received and issued by lot number.' },
        {
          name: 'controlledSubstance',
          type: 'boolean',
          doc: 'A controlled substance: every issue needs a witness other than the issuer.',
        },
        { name: 'definedAt', type: 'string', doc: 'When it was defined, ISO-8601 UTC.' },
      ],
    },
  ],
});
