import { defineEvent } from '../../schema/define-event.js';

export const BedOccupantSwapped = defineEvent({
  module: 'admissions',
  name: 'BedOccupantSwapped',
  aggregate: 'bed',
  doc: 'Two patients swapped beds: this bed now holds the other stay (no cleaning in between: both beds stay occupied).',
  versions: [
    {
      type: 'record',
      name: 'BedOccupantSwapped',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'previousStayId', type: 'string', doc: 'The stay that held the bed before the swap.' },
        { name: 'swappedAt', type: 'string', doc: 'When the swap happened, ISO-8601 UTC.' },
      ],
    },
  ],
});
