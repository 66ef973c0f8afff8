import { defineEvent } from '../../schema/define-event.js';

export const ClinicalNoteRecorded = defineEvent({
  module: 'patients',
  name: 'ClinicalNoteRecorded',
  aggregate: 'patient',
  doc: 'A clinician wrote a note in the patient record. The author is the envelope actor.',
  versions: [
    {
      type: 'record',
      name: 'ClinicalNoteRecorded',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'noteId', type: 'string', doc: 'Id of the note (UUID v7).' },
        {
          name: 'category',
          type: {
            type: 'enum',
            name: 'ClinicalNoteCategory',
            namespace: 'chartline.patients',
            symbols: ['progress', 'admission', 'consult', 'nursing', 'discharge'],
            doc: 'Kind of note.',
          },
          doc: 'Kind of note.',
        },
        {
          name: 'text',
          type: 'string',
          doc: 'The note (clinical free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
