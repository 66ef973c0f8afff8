import { defineEvent } from '../../schema/define-event.js';

export const LicenceExpired = defineEvent({
  module: 'hr',
  name: 'LicenceExpired',
  aggregate: 'licenceRegister',
  doc: 'The licence sweep found a licence past its last valid day (raised once per licence).',
  versions: [
    {
      type: 'record',
      name: 'LicenceExpired',
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
        {
          name: 'asOf',
          type: 'string',
          doc: 'The day the sweep ran for, YYYY-MM-DD.',
        },
      ],
    },
  ],
});
