import { defineEvent } from '../../schema/define-event.js';

export const BedReopened = defineEvent({
  module: 'admissions',
  name: 'BedReopened',
  aggregate: 'bed',
  doc: 'A closed bed was put back in service; it is free again.',
  versions: [
    {
      type: 'record',
      name: 'BedReopened',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'reopenedAt', type: 'string', doc: 'When it was reopened, ISO-8601 UTC.' },
      ],
    },
  ],
});
