import { defineEvent } from '../../schema/define-event.js';

export const LicenceExpiringSoon = defineEvent({
  module: 'hr',
  name: 'LicenceExpiringSoon',
  aggregate: 'licenceRegister',
  doc: 'The licence sweep found a licence whose last valid day is within 30 days (raised once per licence).',
  versions: [
    {
      type: 'record',
      name: 'LicenceExpiringSoon',
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
