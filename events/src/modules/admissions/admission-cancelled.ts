import { defineEvent } from '../../schema/define-event.js';

export const AdmissionCancelled = defineEvent({
  module: 'admissions',
  name: 'AdmissionCancelled',
  aggregate: 'stay',
  doc: 'A planned stay was cancelled before the patient was admitted (FHIR Encounter status cancelled).',
  versions: [
    {
      type: 'record',
      name: 'AdmissionCancelled',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'AdmissionCancellationReason',
            namespace: 'chartline.admissions',
            symbols: ['entered_in_error', 'patient_declined', 'no_longer_needed', 'other'],
            doc: 'Why the admission was cancelled.',
          },
          doc: 'Why the admission was cancelled.',
        },
        { name: 'cancelledAt', type: 'string', doc: 'When it was cancelled, ISO-8601 UTC.' },
      ],
    },
  ],
});
