import { defineEvent } from '../../schema/define-event.js';

export const BedOccupied = defineEvent({
  module: 'admissions',
  name: 'BedOccupied',
  aggregate: 'bed',
  doc: 'A patient took a bed (admission or transfer in).',
  versions: [
    {
      type: 'record',
      name: 'BedOccupied',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'occupiedAt', type: 'string', doc: 'When the patient took the bed, ISO-8601 UTC.' },
      ],
    },
  ],
});
