import { defineEvent } from '../../schema/define-event.js';

export const PossibleDuplicateDismissed = defineEvent({
  module: 'patients',
  name: 'PossibleDuplicateDismissed',
  aggregate: 'patient',
  doc: 'A possible duplicate flag was dismissed: the two patients are different people.',
  versions: [
    {
      type: 'record',
      name: 'PossibleDuplicateDismissed',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient that carries the flag.' },
        { name: 'candidatePatientId', type: 'string', doc: 'The patient it was flagged against.' },
        { name: 'resolvedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
