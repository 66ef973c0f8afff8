import { defineEvent } from '../../schema/define-event.js';

export const PatientDemographicsUpdated = defineEvent({
  module: 'patients',
  name: 'PatientDemographicsUpdated',
  aggregate: 'patient',
  doc: 'Some of a patient\'s demographics were corrected or changed. Only the fields that changed are set; null means "unchanged".',
  versions: [
    {
      type: 'record',
      name: 'PatientDemographicsUpdated',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'givenName',
          type: ['null', 'string'],
          default: null,
          doc: 'New given name(s).',
          'chartline.personal': true,
        },
        {
          name: 'familyName',
          type: ['null', 'string'],
          default: null,
          doc: 'New family name.',
          'chartline.personal': true,
        },
        {
          name: 'birthDate',
          type: ['null', 'string'],
          default: null,
          doc: 'New date of birth (YYYY-MM-DD).',
          'chartline.personal': true,
        },
        {
          name: 'sex',
          type: [
            'null',
            {
              type: 'enum',
              name: 'AdministrativeSex',
              namespace: 'chartline.patients',
              symbols: ['female', 'male', 'other', 'unknown'],
              doc: 'FHIR AdministrativeGender.',
            },
          ],
          default: null,
          doc: 'New administrative sex.',
        },
        {
          name: 'nationalId',
          type: ['null', 'string'],
          default: null,
          doc: 'New national identifier.',
          'chartline.personal': true,
        },
        {
          name: 'address',
          type: ['null', 'string'],
          default: null,
          doc: 'New postal address.',
          'chartline.personal': true,
        },
        {
          name: 'phone',
          type: ['null', 'string'],
          default: null,
          doc: 'New phone number.',
          'chartline.personal': true,
        },
        { name: 'updatedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
