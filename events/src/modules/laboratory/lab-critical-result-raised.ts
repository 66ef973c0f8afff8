import { defineEvent } from '../../schema/define-event.js';
import { CRITICAL_FLAG } from './fields.js';

export const LabCriticalResultRaised = defineEvent({
  module: 'laboratory',
  name: 'LabCriticalResultRaised',
  aggregate: 'labOrder',
  doc: 'A result (or an amendment of one) passed a critical limit. It stays open until a clinician acknowledges it with read-back (LabCriticalResultAcknowledged).',
  versions: [
    {
      type: 'record',
      name: 'LabCriticalResultRaised',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'wardId', type: ['null', 'string'], default: null, doc: 'The ordering ward, if any.' },
        { name: 'flag', type: CRITICAL_FLAG, doc: 'Which limit was passed.' },
        { name: 'valueNumber', type: 'double', doc: 'The critical value.' },
        { name: 'unit', type: ['null', 'string'], default: null, doc: 'Its UCUM unit.' },
        { name: 'raisedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
