import { defineEvent } from '../../schema/define-event.js';

export const ChargeMarkedNotBillable = defineEvent({
  module: 'billing',
  name: 'ChargeMarkedNotBillable',
  aggregate: 'account',
  doc: 'An unbilled charge will not be billed (e.g. a repeat test the hospital absorbs), with the reason.',
  versions: [
    {
      type: 'record',
      name: 'ChargeMarkedNotBillable',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'chargeId', type: 'string', doc: 'The charge.' },
        { name: 'reason', type: 'string', doc: 'Why it is not billed.' },
        { name: 'markedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
