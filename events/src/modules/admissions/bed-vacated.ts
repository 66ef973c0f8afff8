import { defineEvent } from '../../schema/define-event.js';

export const BedVacated = defineEvent({
  module: 'admissions',
  name: 'BedVacated',
  aggregate: 'bed',
  doc: 'A patient left a bed (discharge or transfer out); the bed now needs cleaning.',
  versions: [
    {
      type: 'record',
      name: 'BedVacated',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        {
          name: 'cause',
          type: {
            type: 'enum',
            name: 'BedVacatedCause',
            namespace: 'chartline.admissions',
            symbols: ['discharge', 'transfer'],
            doc: 'Why the patient left the bed.',
          },
          doc: 'Why the patient left the bed.',
        },
        { name: 'vacatedAt', type: 'string', doc: 'When the bed was vacated, ISO-8601 UTC.' },
      ],
    },
  ],
});
