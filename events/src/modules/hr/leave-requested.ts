import { defineEvent } from '../../schema/define-event.js';

export const LeaveRequested = defineEvent({
  module: 'hr',
  name: 'LeaveRequested',
  aggregate: 'staff',
  doc: 'A staff member asked for leave.',
  versions: [
    {
      type: 'record',
      name: 'LeaveRequested',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'leaveId',
          type: 'string',
          doc: 'The request (UUID v7).',
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
          name: 'from',
          type: 'string',
          doc: 'First day of leave, YYYY-MM-DD.',
        },
        {
          name: 'to',
          type: 'string',
          doc: 'Last day of leave, YYYY-MM-DD.',
        },
        {
          name: 'days',
          type: 'int',
          doc: 'Calendar days asked for (from and to included).',
        },
        {
          name: 'requestedBy',
          type: 'string',
          doc: 'Who asked (the token subject), so the approver can be someone else.',
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
