import { defineEvent } from '../../schema/define-event.js';

export const LeaveRejected = defineEvent({
  module: 'hr',
  name: 'LeaveRejected',
  aggregate: 'staff',
  doc: 'A leave request was rejected.',
  versions: [
    {
      type: 'record',
      name: 'LeaveRejected',
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
          name: 'rejectedBy',
          type: 'string',
          doc: 'Who rejected it (never the requester).',
        },
        {
          name: 'reason',
          type: 'string',
          doc: 'Why, for the requester.',
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
