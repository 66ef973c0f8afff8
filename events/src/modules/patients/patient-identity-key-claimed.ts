import { defineEvent } from '../../schema/define-event.js';

export const PatientIdentityKeyClaimed = defineEvent({
  module: 'patients',
  name: 'PatientIdentityKeyClaimed',
  aggregate: 'patientkey',
  doc: 'A patient was filed under a blind index of their identity (`patientkey-<hospitalId>.<hmac>`): an HMAC of the normalised name + birth date + sex, or of the national identifier. Later registrations under the same key are flagged as possible duplicates. The stream id carries the HMAC, never the identity itself.',
  versions: [
    {
      type: 'record',
      name: 'PatientIdentityKeyClaimed',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient filed under this key.' },
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
      ],
    },
  ],
});
