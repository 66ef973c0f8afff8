import { defineEvent } from '../../schema/define-event.js';

export const BedCleaned = defineEvent({
  module: 'admissions',
  name: 'BedCleaned',
  aggregate: 'bed',
  doc: 'A bed was cleaned after its patient left; it is free again.',
  versions: [
    {
      type: 'record',
      name: 'BedCleaned',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'cleanedAt', type: 'string', doc: 'When it was cleaned, ISO-8601 UTC.' },
      ],
    },
  ],
});
