import { defineEvent } from '../../schema/define-event.js';

export const LeaveBalanceCredited = defineEvent({
  module: 'hr',
  name: 'LeaveBalanceCredited',
  aggregate: 'staff',
  doc: 'Days of a leave type were added to a staff member’s balance (the yearly entitlement, a correction).',
  versions: [
    {
      type: 'record',
      name: 'LeaveBalanceCredited',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'leaveType',
          type: {
            type: 'enum',
            name: 'LeaveType',
            namespace: 'chartline.hr',
            symbols: ['annual', 'sick', 'parental', 'study', 'unpaid'],
            doc: 'Kind of leave.',
          },
          doc: 'Kind of leave.',
        },
        {
          name: 'days',
          type: 'int',
          doc: 'Days added (positive).',
        },
        {
          name: 'creditedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
