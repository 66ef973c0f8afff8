import { defineEvent } from '../../schema/define-event.js';

export const ShiftAssigned = defineEvent({
  module: 'hr',
  name: 'ShiftAssigned',
  aggregate: 'staff',
  doc: 'A staff member was rostered for a shift on a ward (after every roster rule passed).',
  versions: [
    {
      type: 'record',
      name: 'ShiftAssigned',
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
          doc: 'The assignment (UUID v7).',
        },
        {
          name: 'shiftTypeId',
          type: 'string',
          doc: 'The shift type.',
        },
        {
          name: 'wardId',
          type: 'string',
          doc: 'The ward.',
        },
        {
          name: 'date',
          type: 'string',
          doc: 'The day the shift starts, YYYY-MM-DD.',
        },
        {
          name: 'startsAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
        {
          name: 'endsAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
        {
          name: 'clinical',
          type: 'boolean',
          doc: 'Clinical shifts need a licence valid on the day.',
        },
        {
          name: 'swapId',
          type: ['null', 'string'],
          default: null,
          doc: 'The approved swap that moved this shift here, if any.',
        },
        {
          name: 'assignedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
