import { defineEvent } from '../../schema/define-event.js';

export const LeaveEnded = defineEvent({
  module: 'admissions',
  name: 'LeaveEnded',
  aggregate: 'stay',
  doc: 'The patient came back from leave (status in-progress again).',
  versions: [
    {
      type: 'record',
      name: 'LeaveEnded',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'endedAt', type: 'string', doc: 'When the patient came back, ISO-8601 UTC.' },
      ],
    },
  ],
});
