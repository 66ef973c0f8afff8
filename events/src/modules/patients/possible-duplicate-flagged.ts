import { defineEvent } from '../../schema/define-event.js';

export const PossibleDuplicateFlagged = defineEvent({
  module: 'patients',
  name: 'PossibleDuplicateFlagged',
  aggregate: 'patient',
  doc: 'A newly registered patient shares an identity key with an existing patient; someone must confirm (then merge) or dismiss it.',
  versions: [
    {
      type: 'record',
      name: 'PossibleDuplicateFlagged',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The newly registered patient.' },
        { name: 'candidatePatientId', type: 'string', doc: 'The existing patient it may duplicate.' },
        {
          name: 'matchedOn',
          type: {
            type: 'array',
            items: {
              type: 'enum',
              name: 'DuplicateMatch',
              namespace: 'chartline.patients',
              symbols: ['name_birth_date_sex', 'national_id'],
              doc: 'Which identity key matched.',
            },
          },
          doc: 'Which identity keys matched (one or both).',
        },
        { name: 'flaggedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
