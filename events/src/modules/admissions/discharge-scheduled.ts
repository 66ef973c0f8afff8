import { defineEvent } from '../../schema/define-event.js';

export const DischargeScheduled = defineEvent({
  module: 'admissions',
  name: 'DischargeScheduled',
  aggregate: 'stay',
  doc: 'A discharge was planned for a time; rescheduling emits it again.',
  versions: [
    {
      type: 'record',
      name: 'DischargeScheduled',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'plannedFor', type: 'string', doc: 'Planned discharge time, ISO-8601 UTC.' },
        { name: 'scheduledAt', type: 'string', doc: 'When it was scheduled, ISO-8601 UTC.' },
      ],
    },
  ],
});
