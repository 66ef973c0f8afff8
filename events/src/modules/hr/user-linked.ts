import { defineEvent } from '../../schema/define-event.js';

export const UserLinked = defineEvent({
  module: 'hr',
  name: 'UserLinked',
  aggregate: 'staff',
  doc: 'A staff member was linked to the identity-provider subject their tokens carry (the staff record’s side; the access stream records AccessSubjectLinked).',
  versions: [
    {
      type: 'record',
      name: 'UserLinked',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'userId',
          type: 'string',
          doc: 'The identity provider subject (also the id of the access stream).',
        },
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'linkedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
