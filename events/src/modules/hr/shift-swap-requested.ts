import { defineEvent } from '../../schema/define-event.js';

export const ShiftSwapRequested = defineEvent({
  module: 'hr',
  name: 'ShiftSwapRequested',
  aggregate: 'shiftSwap',
  doc: 'A staff member asked to swap one of their shifts with a colleague’s.',
  versions: [
    {
      type: 'record',
      name: 'ShiftSwapRequested',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'swapId',
          type: 'string',
          doc: 'The swap (UUID v7).',
        },
        {
          name: 'requesterStaffId',
          type: 'string',
          doc: 'Who asks.',
        },
        {
          name: 'requesterShiftId',
          type: 'string',
          doc: 'Their shift they give.',
        },
        {
          name: 'counterpartStaffId',
          type: 'string',
          doc: 'The colleague.',
        },
        {
          name: 'counterpartShiftId',
          type: 'string',
          doc: 'The colleague’s shift they take.',
        },
        {
          name: 'requestedBy',
          type: 'string',
          doc: 'The token subject who asked.',
        },
        {
          name: 'requestedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
