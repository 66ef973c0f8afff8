import { defineEvent } from '../../schema/define-event.js';

export const AccountOpened = defineEvent({
  module: 'billing',
  name: 'AccountOpened',
  aggregate: 'account',
  doc: 'A billing account was opened: one per stay (its id is the stay id), or an outpatient account.',
  versions: [
    {
      type: 'record',
      name: 'AccountOpened',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'kind',
          type: {
            type: 'enum',
            name: 'AccountKind',
            namespace: 'chartline.billing',
            symbols: ['inpatient', 'outpatient'],
            doc: 'A stay’s account or an outpatient account.',
          },
          doc: 'A stay’s account or an outpatient account.',
        },
        { name: 'stayId', type: ['null', 'string'], default: null, doc: 'The stay, for an inpatient account.' },
        { name: 'currency', type: 'string', doc: 'ISO 4217, the hospital’s currency.' },
        { name: 'openedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
