import { defineEvent } from '../../schema/define-event.js';

export const StayClosed = defineEvent({
  module: 'admissions',
  name: 'StayClosed',
  aggregate: 'patient',
  doc: 'A stay of the patient ended (discharged or cancelled). Written to the patient stream, like StayOpened.',
  versions: [
    {
      type: 'record',
      name: 'StayClosed',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        {
          name: 'outcome',
          type: {
            type: 'enum',
            name: 'StayOutcome',
            namespace: 'chartline.admissions',
            symbols: ['discharged', 'cancelled'],
            doc: 'How the stay ended.',
          },
          doc: 'How the stay ended.',
        },
        { name: 'closedAt', type: 'string', doc: 'When the stay was closed, ISO-8601 UTC.' },
      ],
    },
  ],
});
