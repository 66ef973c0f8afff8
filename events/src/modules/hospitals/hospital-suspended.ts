import { defineEvent } from '../../schema/define-event.js';

export const HospitalSuspended = defineEvent({
  module: 'hospitals',
  name: 'HospitalSuspended',
  aggregate: 'hospital',
  doc: 'The hospital was suspended by a platform administrator (e.g. contract ended); it can be reactivated.',
  versions: [
    {
      type: 'record',
      name: 'HospitalSuspended',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital.' },
        { name: 'reason', type: 'string', doc: 'Why, in operational words (never patient data).' },
        { name: 'suspendedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
