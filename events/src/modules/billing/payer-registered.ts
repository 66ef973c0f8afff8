import { defineEvent } from '../../schema/define-event.js';

export const PayerRegistered = defineEvent({
  module: 'billing',
  name: 'PayerRegistered',
  aggregate: 'payer',
  doc: 'An insurer or other third party that pays for patients’ care.',
  versions: [
    {
      type: 'record',
      name: 'PayerRegistered',
      namespace: 'chartline.billing',
      fields: [
        { name: 'payerId', type: 'string', doc: 'The payer.' },
        { name: 'name', type: 'string', doc: 'The payer’s name (an organisation, not a person).' },
        { name: 'registeredAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
