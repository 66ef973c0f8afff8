import { defineEvent } from '../../schema/define-event.js';

export const ClaimSubmitted = defineEvent({
  module: 'billing',
  name: 'ClaimSubmitted',
  aggregate: 'account',
  doc: 'A claim for lines of an issued invoice was submitted to the payer covering the account.',
  versions: [
    {
      type: 'record',
      name: 'ClaimSubmitted',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'claimId', type: 'string', doc: 'The claim.' },
        { name: 'payerId', type: 'string', doc: 'The payer.' },
        { name: 'invoiceId', type: 'string', doc: 'The invoice.' },
        { name: 'chargeIds', type: { type: 'array', items: 'string' }, doc: 'The invoice lines claimed.' },
        { name: 'claimedAmount', type: 'long', doc: 'Sum of the claimed lines’ totals, minor units.' },
        { name: 'submittedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
