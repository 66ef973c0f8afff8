import { defineEvent } from '../../schema/define-event.js';

export const PatientAdmitted = defineEvent({
  module: 'admissions',
  name: 'PatientAdmitted',
  aggregate: 'stay',
  doc: 'The patient was admitted to a bed (FHIR Encounter status in-progress).',
  versions: [
    {
      type: 'record',
      name: 'PatientAdmitted',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        { name: 'admittedAt', type: 'string', doc: 'When the patient was admitted, ISO-8601 UTC.' },
      ],
    },
  ],
});
