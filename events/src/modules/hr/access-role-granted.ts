import { defineEvent } from '../../schema/define-event.js';

export const AccessRoleGranted = defineEvent({
  module: 'hr',
  name: 'AccessRoleGranted',
  aggregate: 'staffAccess',
  doc: 'An administrator granted a staff member a role in this hospital; tokens of the subject may use it (a token still has to carry it).',
  versions: [
    {
      type: 'record',
      name: 'AccessRoleGranted',
      namespace: 'chartline.hr',
      fields: [
        {
          name: 'userId',
          type: 'string',
          doc: 'The identity provider subject.',
        },
        {
          name: 'staffId',
          type: 'string',
          doc: 'The staff member (UUID v7); also the id of their staff stream.',
        },
        {
          name: 'role',
          type: 'string',
          doc: 'One of the roles a token can carry (kernel ROLES), e.g. nurse, ward_manager.',
        },
        {
          name: 'grantedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
