import { defineEvent } from '../../schema/define-event.js';
import { APPLIED_RANGE_FIELDS, FLAG, VALUE_FIELDS } from './fields.js';

export const LabResultRecorded = defineEvent({
  module: 'laboratory',
  name: 'LabResultRecorded',
  aggregate: 'labOrder',
  doc: 'A result was entered for one test of the order (FHIR Observation preliminary). The flag was computed by the server from the reference range in force for the patient’s sex and age at collection.',
  versions: [
    {
      type: 'record',
      name: 'LabResultRecorded',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'accessionNumber', type: 'string', doc: 'The specimen resulted.' },
        ...VALUE_FIELDS,
        { name: 'flag', type: FLAG, doc: 'Interpretation computed from the range in force.' },
        ...APPLIED_RANGE_FIELDS,
        {
          name: 'performer',
          type: ['null', 'string'],
          default: null,
          doc: 'External laboratory that performed a referred test; null: in house.',
        },
        {
          name: 'comment',
          type: ['null', 'string'],
          default: null,
          doc: 'Free-text result comment (personal).',
          'chartline.personal': true,
        },
        { name: 'enteredBy', type: 'string', doc: 'Who entered it (token subject); never its verifier.' },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
