import { defineEvent } from '../../schema/define-event.js';

export const CoverageRecorded = defineEvent({
  module: 'billing',
  name: 'CoverageRecorded',
  aggregate: 'account',
  doc: 'The patient’s coverage by a payer for this account.',
  versions: [
    {
      type: 'record',
      name: 'CoverageRecorded',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'payerId', type: 'string', doc: 'The payer.' },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
