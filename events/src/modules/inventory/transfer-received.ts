import { defineEvent } from '../../schema/define-event.js';

export const TransferReceived = defineEvent({
  module: 'inventory',
  name: 'TransferReceived',
  aggregate: 'transfer',
  doc: 'A transfer arrived at its destination; units that did not arrive are a discrepancy recorded with its reason.',
  versions: [
    {
      type: 'record',
      name: 'TransferReceived',
      namespace: 'chartline.inventory',
      fields: [
        { name: 'transferId', type: 'string', doc: 'The transfer.' },
        { name: 'toLocationId', type: 'string', doc: 'Where it arrived.' },
        {
          name: 'lots',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'ReceivedLot',
              namespace: 'chartline.inventory',
              fields: [
                { name: 'lotId', type: 'string', doc: 'The lot.' },
                { name: 'lotNumber', type: 'string', doc: 'The supplier’s lot number.' },
                { name: 'expiryDate', type: ['null', 'string'], doc: 'YYYY-MM-DD, or null.' },
                { name: 'quantity', type: 'int', doc: 'Units of this lot.' },
                { name: 'unitCostMinor', type: 'long', doc: 'Cost of one unit, minor units.' },
              ],
            },
          },
          doc: 'The units received, per lot.',
        },
        { name: 'receivedQuantity', type: 'int', doc: 'Units received (all lots).' },
        { name: 'discrepancyQuantity', type: 'int', doc: 'Units dispatched but not received (0 when all arrived).' },
        {
          name: 'discrepancyReason',
          type: ['null', 'string'],

          doc: 'Why units did not arrive (required when any are missing), or null.',
        },
        { name: 'receivedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
