import { defineEvent } from '../../schema/define-event.js';

export const ScheduledDischargeCancelled = defineEvent({
  module: 'admissions',
  name: 'ScheduledDischargeCancelled',
  aggregate: 'stay',
  doc: 'A scheduled discharge was called off; the patient stays.',
  versions: [
    {
      type: 'record',
      name: 'ScheduledDischargeCancelled',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'cancelledAt', type: 'string', doc: 'When it was cancelled, ISO-8601 UTC.' },
      ],
    },
  ],
});
