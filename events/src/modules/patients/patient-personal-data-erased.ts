import { defineEvent } from '../../schema/define-event.js';

export const PatientPersonalDataErased = defineEvent({
  module: 'patients',
  name: 'PatientPersonalDataErased',
  aggregate: 'patient',
  doc: "The patient's personal data was erased by crypto-shredding: the command server deletes the patient's data key, so every personal field of every event reads as erased while the hash chain still verifies. No event is deleted.",
  versions: [
    {
      type: 'record',
      name: 'PatientPersonalDataErased',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        {
          name: 'legalBasis',
          type: {
            type: 'enum',
            name: 'ErasureBasis',
            namespace: 'chartline.patients',
            symbols: ['patient_request', 'retention_expired', 'court_order'],
            doc: 'Why the data was erased.',
          },
          doc: 'Why the data was erased.',
        },
        { name: 'erasedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
