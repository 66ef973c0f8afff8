import { defineEvent } from '../../schema/define-event.js';

export const PatientDeathRecorded = defineEvent({
  module: 'patients',
  name: 'PatientDeathRecorded',
  aggregate: 'patient',
  doc: 'A physician recorded the death of a patient.',
  versions: [
    {
      type: 'record',
      name: 'PatientDeathRecorded',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'diedAt', type: 'string', doc: 'Time of death, ISO-8601 UTC.' },
        {
          name: 'causeCode',
          type: ['null', 'string'],
          default: null,
          doc: 'ICD-10 code of the underlying cause of death, when known.',
        },
        { name: 'recordedAt', type: 'string', doc: 'When it was recorded, ISO-8601 UTC.' },
      ],
    },
  ],
});
