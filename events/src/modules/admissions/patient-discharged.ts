import { defineEvent } from '../../schema/define-event.js';

export const PatientDischarged = defineEvent({
  module: 'admissions',
  name: 'PatientDischarged',
  aggregate: 'stay',
  doc: 'The patient was discharged (FHIR Encounter status finished); the bed is released at this moment and goes to cleaning.',
  versions: [
    {
      type: 'record',
      name: 'PatientDischarged',
      namespace: 'chartline.admissions',
      fields: [
        { name: 'stayId', type: 'string', doc: 'The stay (hospital encounter) id.' },
        { name: 'patientId', type: 'string', doc: 'The patient.' },
        { name: 'bedId', type: 'string', doc: 'The bed.' },
        {
          name: 'reason',
          type: {
            type: 'enum',
            name: 'DischargeReason',
            namespace: 'chartline.admissions',
            symbols: ['home', 'transfer', 'death', 'against_advice'],
            doc: 'Why the stay ended.',
          },
          doc: 'Why the stay ended.',
        },
        {
          name: 'disposition',
          type: {
            type: 'enum',
            name: 'DischargeDisposition',
            namespace: 'chartline.admissions',
            symbols: ['home', 'alt_home', 'other_hcf', 'hosp', 'long', 'aadvice', 'exp', 'psy', 'rehab', 'snf', 'oth'],
            doc: 'FHIR discharge-disposition code (hyphens as underscores).',
          },
          doc: 'Where the patient went (FHIR discharge-disposition).',
        },
        { name: 'dischargedAt', type: 'string', doc: 'When the patient was discharged, ISO-8601 UTC.' },
      ],
    },
  ],
});
