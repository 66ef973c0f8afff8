import { defineEvent } from '../../schema/define-event.js';

export const StaffOnboarded = defineEvent({
  module: 'hr',
  name: 'StaffOnboarded',
  aggregate: 'staff',
  doc: 'A staff member joined the hospital: personal fields are encrypted under the staff member’s own key, so erasing them is crypto-shredding as for a patient.',
  versions: [
    {
      type: 'record',
      name: 'StaffOnboarded',
      namespace: 'chartline.hr',
      fields: [
        { name: 'staffId', type: 'string', doc: 'The staff member (UUID v7); also the id of their staff stream.' },
        { name: 'givenName', type: 'string', doc: 'Given name(s).', 'chartline.personal': true },
        { name: 'familyName', type: 'string', doc: 'Family name.', 'chartline.personal': true },
        { name: 'department', type: 'string', doc: 'Department, e.g. "Medicine".' },
        { name: 'jobTitle', type: 'string', doc: 'Job title (position), e.g. "Staff nurse".' },
        {
          name: 'practitionerRoles',
          type: {
            type: 'array',
            items: {
              type: 'enum',
              name: 'PractitionerRole',
              namespace: 'chartline.hr',
              symbols: [
                'physician',
                'nurse',
                'midwife',
                'lab_technician',
                'pharmacist',
                'therapist',
                'radiographer',
                'care_assistant',
                'administrative',
                'other',
              ],
              doc: 'FHIR PractitionerRole.code, simplified.',
            },
          },
          doc: 'What the person practises as (FHIR PractitionerRole).',
        },
        { name: 'startDate', type: 'string', doc: 'First working day, YYYY-MM-DD.' },
        { name: 'onboardedAt', type: 'string', doc: 'When the record was made, ISO-8601 UTC.' },
      ],
    },
  ],
});
