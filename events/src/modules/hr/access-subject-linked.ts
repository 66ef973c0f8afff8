import { defineEvent } from '../../schema/define-event.js';

export const AccessSubjectLinked = defineEvent({
  module: 'hr',
  name: 'AccessSubjectLinked',
  aggregate: 'staffAccess',
  doc: 'The identity-provider subject was linked to a staff member: from now on HR’s grants govern that subject in this hospital (none granted yet: no access at all).',
  versions: [
    {
      type: 'record',
      name: 'AccessSubjectLinked',
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
