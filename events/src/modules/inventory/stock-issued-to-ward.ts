import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields, witnessRoleField } from './fields.js';

export const StockIssuedToWard = defineEvent({
  module: 'inventory',
  name: 'StockIssuedToWard',
  aggregate: 'stock',
  doc: 'Units of one lot were issued to a ward (ward stock, not charged to a patient); one event per lot, all with the same issueId.',
  versions: [
    {
      type: 'record',
      name: 'StockIssuedToWard',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'issueId', type: 'string', doc: 'The issue (UUID v7); the same on every lot line of one issue.' },
        { name: 'wardId', type: 'string', doc: 'The ward (admissions ward id).' },
        {
          name: 'witnessId',
          type: ['null', 'string'],

          doc: 'Who witnessed the issue (required for a controlled substance), or null.',
        },
        { name: 'issuedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'StockIssuedToWard',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'issueId', type: 'string', doc: 'The issue (UUID v7); the same on every lot line of one issue.' },
        { name: 'wardId', type: 'string', doc: 'The ward (admissions ward id).' },
        {
          name: 'witnessId',
          type: ['null', 'string'],

          doc: 'Who witnessed the issue (the subject of their own verified token; required for a controlled substance), or null.',
        },
        witnessRoleField,
        { name: 'issuedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
  // v2 adds witnessRole (null for a v1 record, whose witness was named by id only).
  upcasters: [(data) => ({ ...data, witnessRole: null })],
});
