import { defineEvent } from '../../schema/define-event.js';

export const PatientIdentityKeyReleased = defineEvent({
  module: 'patients',
  name: 'PatientIdentityKeyReleased',
  aggregate: 'patientkey',
  doc: 'A patient is no longer filed under a blind index of their identity (`patientkey-<hospitalId>.<hmac>`): their personal data was erased, or the demographics the key was computed from changed (the new key is claimed in the same append). Later registrations under this key are no longer flagged against them. The earlier claim stays in the stream (events are never deleted); it names only the patient id under an HMAC.',
  versions: [
    {
      type: 'record',
      name: 'PatientIdentityKeyReleased',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient no longer filed under this key.' },
        {
          name: 'keyKind',
          type: {
            type: 'enum',
            name: 'IdentityKeyKind',
            namespace: 'chartline.patients',
            symbols: ['name_birth_date_sex', 'national_id'],
            doc: 'What the blind index was computed from.',
          },
          doc: 'What the blind index was computed from.',
        },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'IdentityKeyReleaseReason',
            namespace: 'chartline.patients',
            symbols: ['personal_data_erased', 'demographics_changed'],
            doc: 'Why the key was released.',
          },
          doc: 'Why the key was released.',
        },
      ],
    },
  ],
});
