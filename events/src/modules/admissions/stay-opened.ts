import { defineEvent } from '../../schema/define-event.js';

export const StayOpened = defineEvent({
  module: 'admissions',
  name: 'StayOpened',
  aggregate: 'patient',
  doc: 'A stay was opened for the patient. Written to the patient stream (not the stay stream) so that patient-level rules — one active stay per patient, no merge of a patient with an active stay — are decided against the revision of one stream.',
  versions: [
    {
      type: 'record',
      name: 'StayOpened',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'openedAt', type: 'string', doc: 'When the stay was opened, ISO-8601 UTC.' },
      ],
    },
  ],
});
