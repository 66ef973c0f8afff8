import { defineEvent } from '../../schema/define-event.js';

export const LabTestReferredOut = defineEvent({
  module: 'laboratory',
  name: 'LabTestReferredOut',
  aggregate: 'labOrder',
  doc: 'A test of the order was sent to an external laboratory; its result is recorded when it returns (with that laboratory as performer).',
  versions: [
    {
      type: 'record',
      name: 'LabTestReferredOut',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'laboratory', type: 'string', doc: 'Name of the external laboratory.' },
        { name: 'referredAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
