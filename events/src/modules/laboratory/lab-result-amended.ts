import { defineEvent } from '../../schema/define-event.js';
import { APPLIED_RANGE_FIELDS, FLAG, VALUE_FIELDS } from './fields.js';

export const LabResultAmended = defineEvent({
  module: 'laboratory',
  name: 'LabResultAmended',
  aggregate: 'labOrder',
  doc: 'A final result was changed with a reason (FHIR Observation amended, or corrected when an error is fixed). The earlier value stays in the history as superseded; the flag is recomputed from the range in force.',
  versions: [
    {
      type: 'record',
      name: 'LabResultAmended',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        {
          name: 'kind',
          type: {
            type: 'enum',
            name: 'LabAmendmentKind',
            namespace: 'chartline.laboratory',
            symbols: ['amended', 'corrected'],
            doc: 'FHIR: amended (new information) or corrected (an error fixed).',
          },
          doc: 'amended or corrected.',
        },
        ...VALUE_FIELDS,
        { name: 'flag', type: FLAG, doc: 'Interpretation recomputed from the range in force.' },
        ...APPLIED_RANGE_FIELDS,
        {
          name: 'reason',
          type: 'string',
          doc: 'Why the result was changed (free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'amendedBy', type: 'string', doc: 'Who changed it (token subject).' },
        { name: 'amendedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
