import { defineEvent } from '../../schema/define-event.js';

export const StayReservationReleased = defineEvent({
  module: 'admissions',
  name: 'StayReservationReleased',
  aggregate: 'stay',
  doc: 'The bed reserved for this planned stay was released.',
  versions: [
    {
      type: 'record',
      name: 'StayReservationReleased',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'releasedAt', type: 'string', doc: 'When it was released, ISO-8601 UTC.' },
      ],
    },
  ],
});
