import { defineEvent } from '../../schema/define-event.js';

export const ChargeVoided = defineEvent({
  module: 'billing',
  name: 'ChargeVoided',
  aggregate: 'account',
  doc: 'An unbilled charge was voided (captured in error), with the reason.',
  versions: [
    {
      type: 'record',
      name: 'ChargeVoided',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'chargeId', type: 'string', doc: 'The charge.' },
        { name: 'reason', type: 'string', doc: 'Why it was voided.' },
        { name: 'voidedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
