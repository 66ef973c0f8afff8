import { defineEvent } from '../../schema/define-event.js';

export const DiagnosisRecorded = defineEvent({
  module: 'patients',
  name: 'DiagnosisRecorded',
  aggregate: 'patient',
  doc: 'A diagnosis (condition) was recorded for a patient (after FHIR Condition).',
  versions: [
    {
      type: 'record',
      name: 'DiagnosisRecorded',
      namespace: 'chartline.patients',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'diagnosisId', type: 'string', doc: 'Id of this diagnosis entry (UUID v7).' },
        { name: 'code', type: 'string', doc: 'ICD-10 code (e.g. "J18.9").' },
        {
          name: 'verification',
          type: {
            type: 'enum',
            name: 'DiagnosisVerification',
            namespace: 'chartline.patients',
            symbols: ['provisional', 'differential', 'confirmed'],
            doc: 'FHIR ConditionVerificationStatus (subset).',
          },
          doc: 'How certain the diagnosis is.',
        },
        {
          name: 'note',
          type: ['null', 'string'],
          default: null,
          doc: 'Free-text comment (clinical free text, hence personal).',
          'chartline.personal': true,
        },
        { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
