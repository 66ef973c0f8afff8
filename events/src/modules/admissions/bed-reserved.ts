import { defineEvent } from '../../schema/define-event.js';

export const BedReserved = defineEvent({
  module: 'admissions',
  name: 'BedReserved',
  aggregate: 'bed',
  doc: 'A free bed was reserved for a planned stay.',
  versions: [
    {
      type: 'record',
      name: 'BedReserved',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'reservedAt', type: 'string', doc: 'When it was reserved, ISO-8601 UTC.' },
      ],
    },
  ],
});
