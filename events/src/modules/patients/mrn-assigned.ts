import { defineEvent } from '../../schema/define-event.js';

export const MrnAssigned = defineEvent({
  module: 'patients',
  name: 'MrnAssigned',
  aggregate: 'mrn',
  doc: "The hospital's MRN registry handed out its next number. Lives in the per-hospital `mrn-<hospitalId>.registry` stream, appended atomically with the registration, so two registrations never get one number.",
  versions: [
    {
      type: 'record',
      name: 'MrnAssigned',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient the number was given to.' },
        { name: 'sequence', type: 'long', doc: 'Position in the hospital MRN sequence, starting at 1.' },
        { name: 'mrn', type: 'string', doc: 'The MRN: the zero-padded sequence followed by its Luhn check digit.' },
      ],
    },
  ],
});
