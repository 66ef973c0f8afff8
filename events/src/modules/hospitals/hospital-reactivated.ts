import { defineEvent } from '../../schema/define-event.js';

export const HospitalReactivated = defineEvent({
  module: 'hospitals',
  name: 'HospitalReactivated',
  aggregate: 'hospital',
  doc: 'A suspended hospital was reactivated by a platform administrator.',
  versions: [
    {
      type: 'record',
      name: 'HospitalReactivated',
      namespace: 'chartline.hospitals',
      fields: [
        { name: 'hospitalId', type: 'string', doc: 'The hospital.' },
        { name: 'reason', type: 'string', doc: 'Why, in operational words (never patient data).' },
        { name: 'reactivatedAt', type: 'string', doc: 'When, ISO-8601 UTC.' },
      ],
    },
  ],
});
