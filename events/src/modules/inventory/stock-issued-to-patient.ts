import { defineEvent } from '../../schema/define-event.js';
import { costFields, lotFields, movementFields, stockPointFields, witnessRoleField } from './fields.js';

export const StockIssuedToPatient = defineEvent({
  module: 'inventory',
  name: 'StockIssuedToPatient',
  aggregate: 'stock',
  doc: 'Units of one lot were issued for a patient’s stay. Billing charges for this event: one line per event (item, lot, quantity × unit cost); an issue spanning several lots writes one event per lot, all with the same issueId.',
  versions: [
    {
      type: 'record',
      name: 'StockIssuedToPatient',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'issueId', type: 'string', doc: 'The issue (UUID v7); the same on every lot line of one issue.' },
        { name: 'patientId', type: 'string', doc: 'The patient the stock was issued for.' },
        { name: 'stayId', type: 'string', doc: 'The patient’s stay (admissions) the stock was used in.' },
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
      name: 'StockIssuedToPatient',
      namespace: 'chartline.inventory',
      fields: [
        ...stockPointFields,
        ...lotFields,
        ...costFields,
        ...movementFields,
        { name: 'issueId', type: 'string', doc: 'The issue (UUID v7); the same on every lot line of one issue.' },
        { name: 'patientId', type: 'string', doc: 'The patient the stock was issued for.' },
        { name: 'stayId', type: 'string', doc: 'The patient’s stay (admissions) the stock was used in.' },
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
