import { defineEvent } from '../../schema/define-event.js';

export const BedReservedForStay = defineEvent({
  module: 'admissions',
  name: 'BedReservedForStay',
  aggregate: 'stay',
  doc: 'A bed was reserved for this planned stay.',
  versions: [
    {
      type: 'record',
      name: 'BedReservedForStay',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        { name: 'reservedAt', type: 'string', doc: 'When it was reserved, ISO-8601 UTC.' },
      ],
    },
  ],
});
