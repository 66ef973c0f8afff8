import { defineEvent } from '../../schema/define-event.js';

export const ShiftSwapApproved = defineEvent({
  module: 'hr',
  name: 'ShiftSwapApproved',
  aggregate: 'shiftSwap',
  doc: 'A ward manager approved a swap; both resulting assignments passed every roster rule.',
  versions: [
    {
      type: 'record',
      name: 'ShiftSwapApproved',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'swapId',
          type: 'string',
          doc: 'The swap.',
        },
        {
          name: 'approvedBy',
          type: 'string',
          doc: 'The ward manager.',
        },
        {
          name: 'approvedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
