import { defineEvent } from '../../schema/define-event.js';

export const ShiftUnassigned = defineEvent({
  module: 'hr',
  name: 'ShiftUnassigned',
  aggregate: 'staff',
  doc: 'A shift was taken off a staff member’s roster.',
  versions: [
    {
      type: 'record',
      name: 'ShiftUnassigned',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'shiftId',
          type: 'string',
          doc: 'The assignment.',
        },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'UnassignReason',
            namespace: 'chartline.hr',
            symbols: ['cancelled', 'separation', 'swapped'],
            doc: 'Why: cancelled by a ward manager, the person left, or swapped to someone else.',
          },
          doc: 'Why: cancelled by a ward manager, the person left, or swapped to someone else.',
        },
        {
          name: 'unassignedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
