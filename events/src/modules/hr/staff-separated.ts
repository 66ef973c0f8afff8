import { defineEvent } from '../../schema/define-event.js';

export const StaffSeparated = defineEvent({
  module: 'hr',
  name: 'StaffSeparated',
  aggregate: 'staff',
  doc: 'A staff member left: their future shifts end and their access roles are revoked in the same command.',
  versions: [
    {
      type: 'record',
      name: 'StaffSeparated',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'separationDate',
          type: 'string',
          doc: 'Last working day, YYYY-MM-DD; shifts starting after it are ended.',
        },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'SeparationReason',
            namespace: 'chartline.hr',
            symbols: ['resignation', 'retirement', 'dismissal', 'end_of_contract', 'death', 'other'],
            doc: 'Why the person left.',
          },
          doc: 'Why the person left.',
        },
        {
          name: 'separatedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
