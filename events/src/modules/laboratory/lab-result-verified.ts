import { defineEvent } from '../../schema/define-event.js';

export const LabResultVerified = defineEvent({
  module: 'laboratory',
  name: 'LabResultVerified',
  aggregate: 'labOrder',
  doc: 'A second person verified and released the result (FHIR Observation final). Never the person who entered it.',
  versions: [
    {
      type: 'record',
      name: 'LabResultVerified',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'verifiedBy', type: 'string', doc: 'Who verified (token subject).' },
        { name: 'verifiedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
