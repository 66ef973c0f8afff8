import { defineEvent } from '../../schema/define-event.js';

export const AccessRoleRevoked = defineEvent({
  module: 'hr',
  name: 'AccessRoleRevoked',
  aggregate: 'staffAccess',
  doc: 'A role was revoked: the APIs refuse it to the subject’s tokens within seconds, whatever the token says.',
  versions: [
    {
      type: 'record',
      name: 'AccessRoleRevoked',
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
          name: 'reason',
          type: {
            type: 'enum',
            name: 'RevocationReason',
            namespace: 'chartline.hr',
            symbols: ['revoked', 'separation'],
            doc: 'By an administrator, or because the person left.',
          },
          doc: 'By an administrator, or because the person left.',
        },
        {
          name: 'revokedAt',
          type: 'string',
          doc: 'ISO-8601 UTC.',
        },
      ],
    },
  ],
});
