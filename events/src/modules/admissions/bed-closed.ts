import { defineEvent } from '../../schema/define-event.js';

export const BedClosed = defineEvent({
  module: 'admissions',
  name: 'BedClosed',
  aggregate: 'bed',
  doc: 'A free or to-clean bed was taken out of service.',
  versions: [
    {
      type: 'record',
      name: 'BedClosed',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'BedClosureReason',
            namespace: 'chartline.admissions',
            symbols: ['maintenance', 'infection_control', 'staffing', 'other'],
            doc: 'Why the bed was closed.',
          },
          doc: 'Why the bed was closed.',
        },
        { name: 'closedAt', type: 'string', doc: 'When it was closed, ISO-8601 UTC.' },
      ],
    },
  ],
});
