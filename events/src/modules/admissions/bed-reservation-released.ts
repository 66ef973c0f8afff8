import { defineEvent } from '../../schema/define-event.js';

export const BedReservationReleased = defineEvent({
  module: 'admissions',
  name: 'BedReservationReleased',
  aggregate: 'bed',
  doc: 'A reservation on a bed was released (released by hand or the admission was cancelled); the bed is free again.',
  versions: [
    {
      type: 'record',
      name: 'BedReservationReleased',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'releasedAt', type: 'string', doc: 'When it was released, ISO-8601 UTC.' },
      ],
    },
  ],
});
