import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields } from './fields.js';

export const StockAdjusted = defineEvent({
  module: 'inventory',
  name: 'StockAdjusted',
  aggregate: 'stock',
  doc: 'A physical count of a lot differed from the books; the books now say what was counted.',
  versions: [
    {
      type: 'record',
      name: 'StockAdjusted',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'adjustmentId', type: 'string', doc: 'The adjustment (UUID v7).' },
        { name: 'countedQuantity', type: 'int', doc: 'Units counted on the shelf.' },
        { name: 'difference', type: 'int', doc: 'Counted minus the books (negative: units missing).' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'AdjustmentReason',
            namespace: 'chartline.inventory',
            symbols: ['count_difference', 'damaged', 'theft', 'found', 'entry_error', 'other'],
            doc: 'Why the count differed.',
          },
          doc: 'Why the count differed.',
        },
        {
          name: 'note',
          type: ['null', 'string'],

          doc: 'A free-text note on the count (no patient data), or null.',
        },
        { name: 'adjustedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
