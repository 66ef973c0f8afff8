import { defineEvent } from '../../schema/define-event.js';

export const StayDischargeRecorded = defineEvent({
  module: 'billing',
  name: 'StayDischargeRecorded',
  aggregate: 'account',
  doc: 'The stay ended: no bed-day accrues after this instant.',
  versions: [
    {
      type: 'record',
      name: 'StayDischargeRecorded',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'stayId', type: 'string', doc: 'The stay.' },
        { name: 'dischargedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
