import { defineEvent } from '../../schema/define-event.js';

export const PatientMergedInto = defineEvent({
  module: 'patients',
  name: 'PatientMergedInto',
  aggregate: 'patient',
  doc: 'This patient record was a duplicate and is now voided: it points to the surviving record. Written to the loser stream, atomically with DuplicatePatientMerged on the survivor.',
  versions: [
    {
      type: 'record',
      name: 'PatientMergedInto',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The voided (losing) patient.' },
        { name: 'survivorPatientId', type: 'string', doc: 'The patient record that survives.' },
        { name: 'mergedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
