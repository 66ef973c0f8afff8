import { defineEvent } from '../../schema/define-event.js';

export const LicenceTracked = defineEvent({
  module: 'hr',
  name: 'LicenceTracked',
  aggregate: 'licenceRegister',
  doc: 'A licence joined the hospital’s licence register, which the daily licence sweep reads.',
  versions: [
    {
      type: 'record',
      name: 'LicenceTracked',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'licenceId',
          type: 'string',
          doc: 'The licence.',
        },
        {
          name: 'validTo',
          type: 'string',
          doc: 'Last day valid, YYYY-MM-DD.',
        },
      ],
    },
  ],
});
