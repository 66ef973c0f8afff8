import { defineEvent } from '../../schema/define-event.js';

export const AdmissionRequested = defineEvent({
  module: 'admissions',
  name: 'AdmissionRequested',
  aggregate: 'stay',
  doc: 'An admission was requested for a patient: a stay is planned (FHIR Encounter status planned).',
  versions: [
    {
      type: 'record',
      name: 'AdmissionRequested',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        {
          name: 'reason',
          type: ['null', 'string'],
          default: null,
          doc: 'Reason for admission (clinical free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'requestedAt', type: 'string', doc: 'When it was requested, ISO-8601 UTC.' },
      ],
    },
  ],
});
