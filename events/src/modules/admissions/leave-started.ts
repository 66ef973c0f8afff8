import { defineEvent } from '../../schema/define-event.js';

export const LeaveStarted = defineEvent({
  module: 'admissions',
  name: 'LeaveStarted',
  aggregate: 'stay',
  doc: 'The patient left on temporary leave; the bed is held (FHIR Encounter status on-leave).',
  versions: [
    {
      type: 'record',
      name: 'LeaveStarted',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'expectedReturnAt',
          type: ['null', 'string'],
          default: null,
          doc: 'When the patient is expected back, ISO-8601 UTC.',
        },
        { name: 'startedAt', type: 'string', doc: 'When the leave started, ISO-8601 UTC.' },
      ],
    },
  ],
});
