import { defineEvent } from '../../schema/define-event.js';

export const LicenceTrackingEnded = defineEvent({
  module: 'hr',
  name: 'LicenceTrackingEnded',
  aggregate: 'licenceRegister',
  doc: 'A separated staff member’s licences left the register: the sweep no longer warns about them.',
  versions: [
    {
      type: 'record',
      name: 'LicenceTrackingEnded',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'endedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
