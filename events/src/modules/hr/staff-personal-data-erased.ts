import { defineEvent } from '../../schema/define-event.js';

export const StaffPersonalDataErased = defineEvent({
  module: 'hr',
  name: 'StaffPersonalDataErased',
  aggregate: 'staff',
  doc: 'A separated staff member’s personal data was erased by deleting their data key; the history still verifies and they drop out of the staff directory.',
  versions: [
    {
      type: 'record',
      name: 'StaffPersonalDataErased',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'legalBasis',
          type: {
            type: 'enum',
            name: 'StaffErasureBasis',
            namespace: 'chartline.hr',
            symbols: ['staff_request', 'retention_expired', 'court_order'],
            doc: 'Why the data was erased.',
          },
          doc: 'Why the data was erased.',
        },
        {
          name: 'erasedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
