import { defineEvent } from '../../schema/define-event.js';

export const StaffPersonalDataAccessed = defineEvent({
  module: 'audit',
  name: 'StaffPersonalDataAccessed',
  aggregate: 'staffDataAccess',
  doc: 'Someone read a staff member’s personal data (their name) through the read API, as PersonalDataAccessed records it for patients (who and when are in the envelope: actor, occurredAt). One stream per staff member: staffDataAccess-<hospitalId>.<staffId>.',
  versions: [
    {
      type: 'record',
      name: 'StaffPersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'staffId', type: 'string', doc: 'The staff member whose personal data was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/hr/staff".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'StaffAccessedView',
            namespace: 'chartline.audit',
            symbols: ['staff_directory'],
          },
          doc: 'What was shown: their entry (name, department, roles, balances) in the staff directory.',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When it was read, ISO-8601 UTC.' },
      ],
    },
  ],
});
