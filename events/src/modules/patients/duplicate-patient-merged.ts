import { defineEvent } from '../../schema/define-event.js';

export const DuplicatePatientMerged = defineEvent({
  module: 'patients',
  name: 'DuplicatePatientMerged',
  aggregate: 'patient',
  doc: 'A duplicate record was merged into this (surviving) patient; read models fold the duplicate history in.',
  versions: [
    {
      type: 'record',
      name: 'DuplicatePatientMerged',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The surviving patient.' },
        { name: 'mergedPatientId', type: 'string', doc: 'The voided duplicate.' },
        { name: 'mergedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
