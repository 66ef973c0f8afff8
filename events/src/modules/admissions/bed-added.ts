import { defineEvent } from '../../schema/define-event.js';

export const BedAdded = defineEvent({
  module: 'admissions',
  name: 'BedAdded',
  aggregate: 'bed',
  doc: 'A bed was added to a ward; it starts free.',
  versions: [
    {
      type: 'record',
      name: 'BedAdded',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        { name: 'label', type: 'string', doc: 'Label on the bed board (e.g. "3E-12A").' },
        { name: 'addedAt', type: 'string', doc: 'When it was added, ISO-8601 UTC.' },
      ],
    },
  ],
});
