import { defineEvent } from '../../schema/define-event.js';

export const PossibleDuplicateConfirmed = defineEvent({
  module: 'patients',
  name: 'PossibleDuplicateConfirmed',
  aggregate: 'patient',
  doc: 'A possible duplicate flag was confirmed as a real duplicate of the candidate; the two records should be merged.',
  versions: [
    {
      type: 'record',
      name: 'PossibleDuplicateConfirmed',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient that carries the flag.' },
        { name: 'candidatePatientId', type: 'string', doc: 'The patient it was flagged against.' },
        { name: 'resolvedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
