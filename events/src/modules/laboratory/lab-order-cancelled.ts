import { defineEvent } from '../../schema/define-event.js';

export const LabOrderCancelled = defineEvent({
  module: 'laboratory',
  name: 'LabOrderCancelled',
  aggregate: 'labOrder',
  doc: 'The order was cancelled before any result was final (FHIR ServiceRequest revoked); every test in it is cancelled.',
  versions: [
    {
      type: 'record',
      name: 'LabOrderCancelled',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCodes', type: { type: 'array', items: 'string' }, doc: 'The tests cancelled.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'LabOrderCancelReason',
            namespace: 'chartline.laboratory',
            symbols: ['entered_in_error', 'no_longer_needed', 'duplicate', 'patient_declined', 'other'],
            doc: 'Why the order was cancelled.',
          },
          doc: 'Why the order was cancelled.',
        },
        { name: 'cancelledAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
