import { defineEvent } from '../../schema/define-event.js';

export const ShiftSwapRejected = defineEvent({
  module: 'hr',
  name: 'ShiftSwapRejected',
  aggregate: 'shiftSwap',
  doc: 'A ward manager rejected a swap.',
  versions: [
    {
      type: 'record',
      name: 'ShiftSwapRejected',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'swapId',
          type: 'string',
          doc: 'The swap.',
        },
        {
          name: 'rejectedBy',
          type: 'string',
          doc: 'The ward manager.',
        },
        {
          name: 'reason',
          type: 'string',
          doc: 'Why, for the two staff members.',
        },
        {
          name: 'rejectedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
