import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields, witnessRoleField } from './fields.js';

export const StockDisposed = defineEvent({
  module: 'inventory',
  name: 'StockDisposed',
  aggregate: 'stock',
  doc: 'Units of one lot were destroyed (expired, damaged, recalled), with a witness other than the requester.',
  versions: [
    {
      type: 'record',
      name: 'StockDisposed',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'disposalId', type: 'string', doc: 'The disposal (UUID v7).' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'DisposalReason',
            namespace: 'chartline.inventory',
            symbols: ['expired', 'damaged', 'recalled', 'other'],
            doc: 'Why the stock was destroyed.',
          },
          doc: 'Why the stock was destroyed.',
        },
        { name: 'witnessId', type: 'string', doc: 'Who witnessed the disposal (not the requester).' },
        { name: 'disposedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'StockDisposed',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'disposalId', type: 'string', doc: 'The disposal (UUID v7).' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'DisposalReason',
            namespace: 'chartline.inventory',
            symbols: ['expired', 'damaged', 'recalled', 'other'],
            doc: 'Why the stock was destroyed.',
          },
          doc: 'Why the stock was destroyed.',
        },
        {
          name: 'witnessId',
          type: 'string',
          doc: 'Who witnessed the disposal (the subject of their own verified token; never the requester).',
        },
        witnessRoleField,
        { name: 'disposedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
  // v2 adds witnessRole (null for a v1 record, whose witness was named by id only).
  upcasters: [(data) => ({ ...data, witnessRole: null })],
});
