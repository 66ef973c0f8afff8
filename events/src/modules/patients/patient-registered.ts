import { defineEvent } from '../../schema/define-event.js';

export const PatientRegistered = defineEvent({
  module: 'patients',
  name: 'PatientRegistered',
  aggregate: 'patient',
  doc: 'A patient was registered at a hospital and given a medical record number (MRN).',
  versions: [
    {
      type: 'record',
      name: 'PatientRegistered',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'Patient id (UUID v7); also the id of the patient stream.' },
        {
          name: 'mrn',
          type: 'string',
          doc: 'Medical record number, unique within the hospital: a zero-padded sequence followed by a Luhn (mod 10) check digit.',
        },
        { name: 'givenName', type: 'string', doc: 'Given name(s).', 'chartline.personal': true },
        { name: 'familyName', type: 'string', doc: 'Family name.', 'chartline.personal': true },
        {
          name: 'birthDate',
          type: 'string',
          doc: 'Date of birth, ISO-8601 calendar date (YYYY-MM-DD).',
          'chartline.personal': true,
        },
        {
          name: 'sex',
          type: {
            type: 'enum',
            name: 'AdministrativeSex',
            namespace: 'chartline.patients',
            symbols: ['female', 'male', 'other', 'unknown'],
            doc: 'FHIR AdministrativeGender.',
          },
          doc: 'Administrative sex (FHIR AdministrativeGender).',
        },
        {
          name: 'nationalId',
          type: ['null', 'string'],
          default: null,
          doc: 'National identifier (e.g. social security number), when known.',
          'chartline.personal': true,
        },
        {
          name: 'address',
          type: ['null', 'string'],
          default: null,
          doc: 'Postal address, one line.',
          'chartline.personal': true,
        },
        {
          name: 'phone',
          type: ['null', 'string'],
          default: null,
          doc: 'Contact phone number.',
          'chartline.personal': true,
        },
        { name: 'registeredAt', type: 'string', doc: 'When the patient was registered, ISO-8601 UTC.' },
      ],
    },
  ],
});
