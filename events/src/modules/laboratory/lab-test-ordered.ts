import { defineEvent } from '../../schema/define-event.js';
import { PRIORITY, SECTION, SPECIMEN_TYPE } from './fields.js';

export const LabTestOrdered = defineEvent({
  module: 'laboratory',
  name: 'LabTestOrdered',
  aggregate: 'labOrder',
  doc: 'A test was ordered for a patient (FHIR ServiceRequest active). An order of a panel writes one of these per test of the panel, each naming the panel; billing charges per event.',
  versions: [
    {
      type: 'record',
      name: 'LabTestOrdered',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'orderId', type: 'string', doc: 'The order (UUID v7); also the id of its stream.' },
        { name: 'testCode', type: 'string', doc: 'LOINC code of the test.' },
        { name: 'testName', type: 'string', doc: 'Display name of the test when ordered.' },
        { name: 'section', type: SECTION, doc: 'Lab section that performs it.' },
        { name: 'specimenType', type: SPECIMEN_TYPE, doc: 'Specimen to collect.' },
        { name: 'panelCode', type: ['null', 'string'], default: null, doc: 'The panel ordered, if any.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'stayId',
          type: ['null', 'string'],
          default: null,
          doc: 'The patient’s planned or active stay when ordered, if any.',
        },
        { name: 'wardId', type: ['null', 'string'], default: null, doc: 'The ordering ward, if any.' },
        { name: 'priority', type: PRIORITY, doc: 'Priority.' },
        { name: 'orderingPractitionerId', type: 'string', doc: 'Who ordered (token subject or named practitioner).' },
        {
          name: 'turnaroundTargetMinutes',
          type: 'int',
          doc: 'Target from order to final result, minutes, as in force when ordered (the test’s own, else the hospital’s).',
        },
        { name: 'orderedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
