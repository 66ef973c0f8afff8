import { defineEvent } from '../../schema/define-event.js';

export const StayWardRecorded = defineEvent({
  module: 'billing',
  name: 'StayWardRecorded',
  aggregate: 'account',
  doc: 'From this instant the stay’s bed-days accrue on this ward (admission or transfer).',
  versions: [
    {
      type: 'record',
      name: 'StayWardRecorded',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'stayId', type: 'string', doc: 'The stay.' },
        { name: 'wardId', type: 'string', doc: 'The ward.' },
        {
          name: 'specialty',
          type: 'string',
          doc: 'The ward’s specialty: bed-days are priced per specialty (`bed-day:<specialty>`).',
        },
        { name: 'from', type: 'string', doc: 'When the patient took a bed there, ISO-8601 UTC.' },
      ],
    },
  ],
});
