import { defineEvent } from '../../schema/define-event.js';

export const LabCriticalResultAcknowledged = defineEvent({
  module: 'laboratory',
  name: 'LabCriticalResultAcknowledged',
  aggregate: 'labOrder',
  doc: 'A clinician acknowledged an open critical result: whom they told, when, and that the value was read back. The acknowledging clinician is the envelope actor.',
  versions: [
    {
      type: 'record',
      name: 'LabCriticalResultAcknowledged',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        {
          name: 'notifiedPerson',
          type: 'string',
          doc: 'Whom the result was told to (name and role, free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'notifiedAt', type: 'string', doc: 'When they were told, ISO-8601 UTC.' },
        { name: 'readBack', type: 'boolean', doc: 'The person told read the value back (always true).' },
        { name: 'acknowledgedBy', type: 'string', doc: 'Who acknowledged (token subject).' },
        { name: 'acknowledgedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
