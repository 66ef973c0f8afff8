import { defineEvent } from '../../schema/define-event.js';

export const LeaveApproved = defineEvent({
  module: 'hr',
  name: 'LeaveApproved',
  aggregate: 'staff',
  doc: 'A leave request was approved and its days taken from the balance.',
  versions: [
    {
      type: 'record',
      name: 'LeaveApproved',
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
          doc: 'The request.',
        },
        {
          name: 'days',
          type: 'int',
          doc: 'Days taken from the balance.',
        },
        {
          name: 'approvedBy',
          type: 'string',
          doc: 'The approver (never the requester).',
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
